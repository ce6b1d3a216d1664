import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/*
 * The rule of docs/architecture.md, "Module boundaries": a module names only
 * its own tables and views in SQL, and imports no entity another module owns
 * (a type-only import for a foreign-key relation is allowed: it leaves no
 * trace at run time). What one module needs of another's data it gets from
 * that module's exports (customer.sql.ts, contact.sql.ts, organisation.sql.ts).
 */

export const MODULES_DIR = join(__dirname, '..', '..', 'src', 'modules');
const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/** Views have no entity; their owners are declared here, and every view a migration creates must be listed. */
export const VIEW_OWNERS: Record<string, string> = {
  relationship_edge: 'relationships',
  person_edge: 'relationships',
};

export interface SourceFile {
  path: string;
  module: string;
  text: string;
}

export interface Violation {
  path: string;
  line: number;
  message: string;
}

export function moduleSources(): SourceFile[] {
  return readdirSync(MODULES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(MODULES_DIR, dir.name))
        .filter((name) => name.endsWith('.ts'))
        .map((name) => ({ path: `src/modules/${dir.name}/${name}`, module: dir.name, text: readFileSync(join(MODULES_DIR, dir.name, name), 'utf8') })),
    );
}

/** Table (or view) name → owning module, from the entities' @Entity('name') and VIEW_OWNERS. */
export function tableOwners(sources: SourceFile[]): Map<string, string> {
  const owners = new Map(Object.entries(VIEW_OWNERS));
  for (const source of sources) {
    for (const match of source.text.matchAll(/@Entity\('(\w+)'/g)) owners.set(match[1], source.module);
  }
  return owners;
}

/** Views created by the migrations, so that a new one cannot slip past VIEW_OWNERS. */
export function migrationViews(): string[] {
  const views = new Set<string>();
  for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n.endsWith('.ts'))) {
    for (const match of readFileSync(join(MIGRATIONS_DIR, name), 'utf8').matchAll(/CREATE (?:OR REPLACE )?(?:MATERIALIZED )?VIEW "?(\w+)"?/gi)) views.add(match[1]);
  }
  return [...views].sort();
}

/** The source with comments blanked out (line numbers kept), so prose may mention any table. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

export function violations(source: SourceFile, owners: Map<string, string>): Violation[] {
  const found: Violation[] = [];
  const lines = withoutComments(source.text).split('\n');
  const foreign = [...owners].filter(([, module]) => module !== source.module).map(([table]) => table);
  lines.forEach((text, index) => {
    const at = (message: string) => found.push({ path: source.path, line: index + 1, message });
    for (const table of foreign) {
      const sql = new RegExp(`\\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\\s+"?${table}"?(?![\\w(])`, 'i');
      const builder = new RegExp(`\\.(?:from|innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect|update|into)\\(\\s*['"\`]${table}['"\`]`);
      if (sql.test(text) || builder.test(text)) at(`names table ${table} of module ${owners.get(table)}`);
    }
    const entityImport = /^\s*import\s+(?!type\b)[^;]*from\s+'\.\.\/(\w+)\/[\w.-]+\.entity'/.exec(text);
    if (entityImport && entityImport[1] !== source.module) at(`imports an entity of module ${entityImport[1]}`);
  });
  return found;
}
