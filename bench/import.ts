import { creditCodeCheckCharacter } from '../src/modules/customers/credit-code';

/**
 * The import step of `npm run bench` (issue 17: "100,000 customer rows commit
 * in under 60 s on this machine kind"): a CSV of BENCH_IMPORT_ROWS new
 * customers (default 100,000) sent to a running server as a user would —
 * POST /import/customers, then commitImport, then importJob polled until
 * COMMITTED — with rows/s for the dry run and the commit.
 */
export interface ImportResult {
  rows: number;
  fileBytes: number;
  dryRunSeconds: number;
  commitSeconds: number;
  dryRunRowsPerSecond: number;
  commitRowsPerSecond: number;
  rowsCreated: number;
  verified: string;
}

export function importCsv(rows: number): string {
  const header = '客户名称,统一社会信用代码,行业,客户等级,管理层级,区域编码,客户经理工号,集团成员数,月收入,状态,地址';
  const run = Date.now()
    .toString(36)
    .toUpperCase()
    .replace(/[IOSVZ]/g, 'A')
    .slice(-6)
    .padStart(6, '0');
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const body = `94${run}${String(i).padStart(9, '0')}`;
    lines.push(`基准导入单位${run}-${i},${body}${creditCodeCheckCharacter(body)},${['政府', '教育', '金融', '能源'][i % 4]},C,CITY,6101,,${i % 500},${(i % 1000) * 10}.00,在网,西安市`);
  }
  return `${lines.join('\n')}\n`;
}

export async function measureImport(origin: string, token: string, rows: number, count: (sql: string) => Promise<number>): Promise<ImportResult> {
  const file = importCsv(rows);
  const auth = { authorization: `Bearer ${token}` };
  const started = Date.now();
  const upload = await fetch(`${origin}/import/customers?filename=bench.csv`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: file });
  const answer = (await upload.json()) as { importJob?: { id: string; rowsValid: number }; errors?: unknown };
  if (!answer.importJob) throw new Error(`upload refused: ${JSON.stringify(answer).slice(0, 300)}`);
  const validated = Date.now();
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${origin}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return ((await res.json()) as { data: any }).data;
  };
  await gql(`mutation($id: ID!) { commitImport(input: { id: $id }) { userErrors { code } } }`, { id: answer.importJob.id });
  let job: { state: string; rowsDone: number; rowsCreated: number } | null;
  for (;;) {
    job = (await gql(`query($id: ID!) { importJob(id: $id) { state rowsDone rowsCreated } }`, { id: answer.importJob.id })).importJob;
    if (!job || job.state === 'COMMITTED' || job.state === 'FAILED') break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const committed = Date.now();
  const inDatabase = await count(`SELECT count(*)::int AS n FROM group_customer WHERE name LIKE '基准导入单位%'`);
  const dryRunSeconds = (validated - started) / 1000;
  const commitSeconds = (committed - validated) / 1000;
  return {
    rows,
    fileBytes: Buffer.byteLength(file),
    dryRunSeconds,
    commitSeconds,
    dryRunRowsPerSecond: rows / dryRunSeconds,
    commitRowsPerSecond: rows / commitSeconds,
    rowsCreated: job?.rowsCreated ?? 0,
    verified: `${job?.state}; ${inDatabase} customers in the database ${inDatabase === rows ? '✓' : '✗ MISMATCH'}`,
  };
}
