import type { DataSource } from 'typeorm';

/** A node of `EXPLAIN (ANALYZE, FORMAT JSON)`: enough to say what a plan read and how. */
export interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** Rows that scans of `relation` produced anywhere in the plan (rows × loops). */
export function rowsRead(node: PlanNode, relation: string): number {
  const own = node['Relation Name'] === relation ? (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, relation), 0);
}

export function nodeTypes(node: PlanNode): string[] {
  return [node['Node Type'] ?? '', ...(node.Plans ?? []).flatMap(nodeTypes)];
}

export function indexesUsed(node: PlanNode): string[] {
  return [...(node['Index Name'] ? [node['Index Name']] : []), ...(node.Plans ?? []).flatMap(indexesUsed)];
}

/** Runs `run`, and returns what it gave with the statements it sent through `db` (SQL and parameters), in order. */
export async function withStatements<T>(db: DataSource, run: () => Promise<T>): Promise<{ result: T; statements: [string, unknown[]][] }> {
  const statements: [string, unknown[]][] = [];
  const logger = db.logger as unknown as { logQuery: (query: string, parameters?: unknown[]) => void };
  const original = logger.logQuery;
  logger.logQuery = function (query: string, parameters?: unknown[]) {
    statements.push([query, parameters ?? []]);
    return original.call(this, query, parameters);
  };
  try {
    return { result: await run(), statements };
  } finally {
    logger.logQuery = original;
  }
}
