import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { customerImport } from '../../src/modules/customers/customer-import';
import { startTestApp, TestApp } from '../support/harness';
import { mustCreateCustomer, regionId } from '../customers/builders';
import { mustCreateContact } from '../contacts/builders';
import { freshCreditCode } from './import-files';

/**
 * Issue 17, exports: any list the viewer can see, as CSV or XLSX with Chinese
 * headers, streamed; rows and masked fields exactly as the API gives them.
 */
let t: TestApp;
let gridCustomer: { id: string; code: string };
beforeAll(async () => {
  t = await startTestApp({ EXPORT_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'crm-export-test-')) });
  // In 雁塔 grid 1, kept by xa-am1: the grid manager reads it but is not its account manager.
  gridCustomer = await mustCreateCustomer(t, 'xa-am1', { name: '雁塔导出测试单位', managementLevel: 'COUNTY', regionId: await regionId(t, '610113-G1'), creditCode: freshCreditCode() });
  await mustCreateContact(t, 'xa-am1', { customerId: gridCustomer.id, name: '导出联系人', mobile: '13812345678', email: 'daochu@example.com', birthday: '1980-05-06' });
});
afterAll(async () => {
  await t?.close();
});

async function download(as: string | null, path: string, variables?: Record<string, unknown>) {
  let req = request(t.app.express)
    .get(path)
    .query(variables ? { variables: JSON.stringify(variables) } : {})
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  if (as) req = req.set('authorization', `Bearer ${await t.token(as)}`);
  const res = await req;
  return { status: res.status, headers: res.headers, body: res.body as Buffer };
}

/** The CSV as rows of cells (no quoted commas in these tests' data). */
function csvRows(body: Buffer): string[][] {
  const text = body.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

const column = (rows: string[][], header: string) => rows.slice(1).map((row) => row[rows[0].indexOf(header)]);

describe('contacts', () => {
  const filter = () => ({ filter: { customerId: gridCustomer.id } });

  it('the account manager gets the mobile; a grid manager who reads the customer but does not keep it gets it masked, as in the API', async () => {
    const mine = csvRows((await download('xa-am1', '/export/contacts.csv', filter())).body);
    expect(mine[0]).toEqual(['客户编码', '客户名称', '姓名', '职务', '部门', '关怀级别', '关怀状态', '决策角色', '态度', '手机', '邮箱', '生日', '最近关怀', '下次关怀']);
    expect(column(mine, '手机')).toEqual(['13812345678']);
    expect(column(mine, '生日')).toEqual(['1980-05-06']);

    const grid = csvRows((await download('xa-yt-g1', '/export/contacts.csv', filter())).body);
    expect(column(grid, '姓名')).toEqual(['导出联系人']);
    expect(column(grid, '手机')).toEqual(['138****5678']);
    expect(column(grid, '邮箱')).toEqual(['d***@example.com']);
    expect(column(grid, '生日')).toEqual(['']);
    const api = (await t.gql('xa-yt-g1', `query($f: ContactFilter) { contacts(filter: $f) { nodes { mobile email birthday } } }`, { f: filter().filter })).body.data.contacts.nodes;
    expect(api).toEqual([{ mobile: '138****5678', email: 'd***@example.com', birthday: null }]);
  });

  it('a support manager, who never sees a customer’s people, and a leader of another city export none of them', async () => {
    for (const as of ['xa-support', 'bj-leader']) {
      const res = await download(as, '/export/contacts.csv', filter());
      expect(res.status).toBe(200);
      expect(csvRows(res.body)).toHaveLength(1);
    }
  });
});

describe('customers', () => {
  it('as XLSX: Chinese headers, the same rows as CSV, none outside the viewer’s scope', async () => {
    const csv = csvRows((await download('xa-am1', '/export/customers.csv')).body);
    const res = await download('xa-am1', '/export/customers.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('集团客户');
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['客户编码', '客户名称', '统一社会信用代码']);
    const codes: string[] = [];
    sheet.eachRow((row, n) => n > 1 && codes.push(String(row.getCell(1).value)));
    expect(codes).toEqual(column(csv, '客户编码'));
    expect(codes).toContain(gridCustomer.code);
    // The API's own list, as xa-am1: the same customers.
    const total = (await t.gql('xa-am1', '{ groupCustomers { totalCount } }')).body.data.groupCustomers.totalCount;
    expect(codes).toHaveLength(total);
    const regions = column(csv, '区域编码');
    expect(regions.every((code) => code.startsWith('6101'))).toBe(true);
  });

  it('streams a list of thousands page by page, filtered as the API filters', async () => {
    const region = await regionId(t, '610103');
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `碑林导出批量${String(i).padStart(4, '0')}`,
      creditCode: null,
      industry: 'EDUCATION',
      grade: 'C',
      managementLevel: 'CITY',
      regionId: Buffer.from(region, 'base64').toString('utf8').split(':')[1],
      accountManagerId: null,
      memberCount: i,
      monthlyRevenue: '100.00',
      status: 'ACTIVE',
      address: null,
    }));
    const admin = (await t.db.query(`SELECT id FROM staff WHERE employee_no = 'admin'`))[0].id;
    await t.db.transaction((tx) => customerImport.insert(tx, rows as never, admin));
    const res = await download('xa-leader', '/export/customers.csv', { filter: { regionId: region, industries: ['EDUCATION'] } });
    const csv = csvRows(res.body);
    expect(csv).toHaveLength(2501);
    expect(new Set(column(csv, '客户名称')).size).toBe(2500);
    expect(column(csv, '行业').every((v) => v === 'EDUCATION')).toBe(true);
    expect(csvRows((await download('bj-leader', '/export/customers.csv', { filter: { regionId: region } })).body)).toHaveLength(1);
  });
});

describe('reports and errors', () => {
  it('the pipeline and the approval SLA, as the API allows them', async () => {
    const pipeline = csvRows((await download('xa-leader', '/export/pipeline.csv')).body);
    expect(pipeline[0]).toEqual(['阶段', '数量', '预估金额', '签约金额']);
    expect(pipeline.length).toBeGreaterThan(5);
    const period = { period: { from: '2026-01-01', to: '2026-12-31' } };
    expect((await download('xa-leader', '/export/approval-sla.xlsx', period)).status).toBe(200);
    const refused = await download('xa-am1', '/export/approval-sla.csv', period);
    expect([refused.status, JSON.parse(refused.body.toString()).errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('a bad filter, an unknown list and no token are refused before any file starts', async () => {
    const bad = await download('xa-am1', '/export/customers.csv', { filter: { grades: ['Z9'] } });
    expect([bad.status, JSON.parse(bad.body.toString()).errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect((await download('xa-am1', '/export/salaries.csv')).status).toBe(404);
    expect((await download(null, '/export/customers.csv')).status).toBe(401);
  });
});

describe('export jobs', () => {
  const START = `mutation($input: StartExportInput!) { startExport(input: $input) { exportJob { id state } userErrors { code message field } } }`;
  const JOB = `query($id: ID!) { exportJob(id: $id) { id list format state rowsWritten fileBytes failure downloadPath } }`;

  async function settled(as: string, id: string) {
    for (let i = 0; i < 200; i++) {
      const job = (await t.gql(as, JOB, { id })).body.data.exportJob;
      if (job.state !== 'RUNNING') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('export job still running');
  }

  it('writes the file in the background; its starter downloads what GET /export gives them, nobody else does', async () => {
    const variables = JSON.stringify({ filter: { customerId: gridCustomer.id } });
    const started = (await t.gql('xa-yt-g1', START, { input: { list: 'contacts', format: 'CSV', variables } })).body.data.startExport;
    expect(started.userErrors).toEqual([]);
    const job = await settled('xa-yt-g1', started.exportJob.id);
    expect(job).toMatchObject({ list: 'contacts', format: 'CSV', state: 'DONE', rowsWritten: 1, failure: null });
    expect(job.fileBytes).toBeGreaterThan(50);
    const file = await download('xa-yt-g1', job.downloadPath);
    expect(file.status).toBe(200);
    expect(file.body.equals((await download('xa-yt-g1', '/export/contacts.csv', JSON.parse(variables))).body)).toBe(true);
    expect(column(csvRows(file.body), '手机')).toEqual(['138****5678']);

    expect((await t.gql('xa-am1', JOB, { id: job.id })).body.data.exportJob).toBeNull();
    expect((await download('xa-am1', job.downloadPath)).status).toBe(404);
    expect((await download('admin', job.downloadPath)).status).toBe(200);
  });

  it('as XLSX, thousands of rows', async () => {
    const started = (await t.gql('xa-leader', START, { input: { list: 'customers', format: 'XLSX', variables: JSON.stringify({ filter: { industries: ['EDUCATION'] } }) } })).body.data.startExport;
    const job = await settled('xa-leader', started.exportJob.id);
    expect(job.state).toBe('DONE');
    expect(job.rowsWritten).toBeGreaterThanOrEqual(2500);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('xa-leader', job.downloadPath)).body as never);
    expect(workbook.worksheets[0].rowCount).toBe(job.rowsWritten + 1);
  });

  it('an unknown list or bad variables are userErrors, a report the viewer may not run is FORBIDDEN, and nothing is started', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM export_job`))[0].n;
    expect((await t.gql('xa-am1', START, { input: { list: 'salaries', format: 'CSV' } })).body.data.startExport.userErrors[0]).toMatchObject({ code: 'VALIDATION', field: ['input', 'list'] });
    expect((await t.gql('xa-am1', START, { input: { list: 'customers', format: 'CSV', variables: '{"filter":{"grades":["Z9"]}}' } })).body.data.startExport.userErrors[0].code).toBe('VALIDATION');
    expect((await t.gql('xa-am1', START, { input: { list: 'customers', format: 'CSV', variables: 'not json' } })).body.data.startExport.userErrors[0].code).toBe('VALIDATION');
    const sla = await t.gql('xa-am1', START, { input: { list: 'approval-sla', format: 'CSV', variables: JSON.stringify({ period: { from: '2026-01-01', to: '2026-12-31' } }) } });
    expect(sla.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM export_job`))[0].n).toBe(before);
  });

  it('expired files are deleted by the scheduled check and their jobs say so', async () => {
    const started = (await t.gql('xa-am1', START, { input: { list: 'pipeline', format: 'CSV' } })).body.data.startExport;
    const job = await settled('xa-am1', started.exportJob.id);
    await t.db.query(`UPDATE export_job SET expires_at = now() - interval '1 minute' WHERE id = $1`, [Buffer.from(job.id, 'base64').toString('utf8').split(':')[1]]);
    await t.app.live.checks.runOnce();
    expect((await t.gql('xa-am1', JOB, { id: job.id })).body.data.exportJob).toMatchObject({ state: 'EXPIRED', downloadPath: null });
    expect(fs.readdirSync(t.config.exports.dir).filter((f) => f.startsWith(Buffer.from(job.id, 'base64').toString('utf8').split(':')[1]))).toEqual([]);
  });
});
