import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/platform/logger';
import { runImportJob } from '../../src/modules/exchange/import.service';
import { dataOf, startTestApp, TestApp } from '../support/harness';
import { mustCreateCustomer } from '../customers/builders';
import { commitImport, CONTACT_HEADER, csv, CUSTOMER_HEADER, customerRow, freshCreditCode, importJob, untilSettled, upload, wrongCheckCharacter, xlsx, zipBomb } from './import-files';

/**
 * Issue 17, loading a province: customers and contacts from CSV or XLSX — a
 * dry run with a report per row, then a commit in batches (one transaction
 * each) that resumes where it stopped and never writes a row twice.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ IMPORT_MAX_BYTES: String(4 * 1024 * 1024), IMPORT_XLSX_MAX_UNPACKED_BYTES: String(8 * 1024 * 1024), IMPORT_BATCH_ROWS: '1000', IMPORT_WORKERS: '2' });
});
afterAll(async () => {
  await t?.close();
});

const count = async (sql: string, params: unknown[] = []) => (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
const uuid = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1];

describe('the dry run', () => {
  it('reports every row: valid, or invalid with field and reason, or a duplicate — and writes no customer', async () => {
    const existing = await mustCreateCustomer(t, 'xa-am1', { name: '西安市已有单位', creditCode: freshCreditCode() });
    const repeated = freshCreditCode();
    const file = csv([
      CUSTOMER_HEADER,
      customerRow('西安导入甲'), // 2 valid
      customerRow('西安导入乙', { 统一社会信用代码: wrongCheckCharacter(freshCreditCode()) }), // 3
      customerRow('西安导入丙', { 区域编码: '9999' }), // 4
      customerRow('西安导入丁', { 客户经理工号: 'nobody-here' }), // 5
      customerRow('西安导入戊', { 统一社会信用代码: existing.creditCode }), // 6 duplicate of an existing customer by credit code
      customerRow('西安市已有单位'), // 7 duplicate by exact name in the same region
      customerRow('西安导入己', { 统一社会信用代码: repeated }), // 8 valid
      customerRow('西安导入庚', { 统一社会信用代码: repeated }), // 9 duplicate of row 8
      customerRow('西安导入辛', { 行业: '航天', 客户等级: 'Z9' }), // 10 bad values
      customerRow('', { 管理层级: '' }), // 11 required
    ]);
    const before = await count('group_customer');
    const res = await upload(t, 'admin', 'customers', file);
    expect(res.status).toBe(201);
    const job = res.body.importJob;
    expect(job).toMatchObject({ kind: 'CUSTOMERS', state: 'VALIDATED', format: 'CSV', rowsTotal: 10, rowsValid: 2, rowsDuplicate: 3, rowsInvalid: 5 });
    const problems = (await importJob(t, 'admin', job.id)).errors.map((e: { line: number; field: string; code: string }) => [e.line, e.field, e.code]);
    expect(problems).toEqual([
      [3, 'creditCode', 'BAD_CREDIT_CODE'],
      [4, 'regionCode', 'UNKNOWN_REGION'],
      [5, 'accountManager', 'UNKNOWN_ACCOUNT_MANAGER'],
      [6, 'creditCode', 'DUPLICATE_EXISTING'],
      [7, 'name', 'DUPLICATE_EXISTING'],
      [9, 'creditCode', 'DUPLICATE_ROW'],
      [10, 'industry', 'BAD_VALUE'],
      [10, 'grade', 'BAD_VALUE'],
      [11, 'name', 'REQUIRED'],
      [11, 'managementLevel', 'REQUIRED'],
    ]);
    expect(res.body.importJob.problems.find((p: { line: number }) => p.line === 3).message).toMatch(/check character/);
    expect(await count('group_customer')).toBe(before);

    const rows = dataOf(await t.gql('admin', `query($id: ID!) { importJob(id: $id) { rows(first: 3, statuses: [VALID]) { totalCount nodes { line status problems { code } } } } }`, { id: job.id }));
    expect(rows.importJob.rows).toEqual({
      totalCount: 2,
      nodes: [
        { line: 2, status: 'VALID', problems: [] },
        { line: 8, status: 'VALID', problems: [] },
      ],
    });

    const committed = await commitImport(t, 'admin', job.id);
    expect(committed.userErrors).toEqual([]);
    const done = await untilSettled(t, 'admin', job.id);
    expect(done).toMatchObject({ state: 'COMMITTED', rowsDone: 10, rowsCreated: 2 });
    expect(await count('group_customer')).toBe(before + 2);
    const [made] = await t.db.query(`SELECT c.code, c.region_id, ch.action FROM group_customer c JOIN customer_change ch ON ch.customer_id = c.id WHERE c.name = '西安导入甲'`);
    expect(made).toMatchObject({ action: 'IMPORT' });
    expect(made.code).toMatch(/^JT\d{8}$/);
    // Committing again writes nothing more.
    expect((await commitImport(t, 'admin', job.id)).userErrors[0].code).toBe('INVALID_TRANSITION');
  });

  it('contacts: an existing customer by code or credit code, care level, and a mobile number that is one', async () => {
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '西安联系人导入单位', creditCode: freshCreditCode() });
    const file = csv([
      CONTACT_HEADER,
      [customer.code, '王主任', '主任', '办公室', '关键人', '决策者', '支持', '138 1234 5678', 'wang@example.com', '1975-03-02', ''],
      [customer.creditCode, '李科长', '科长', '', 'LIAISON', '', '', '12345', '', '', ''],
      ['JT99999999', '赵六', '', '', '联络人', '', '', '', '', '', ''],
      [customer.code, '王主任', '', '', '管理层', '', '', '', '', '', ''],
    ]);
    const res = await upload(t, 'admin', 'contacts', file);
    expect(res.status).toBe(201);
    expect(res.body.importJob).toMatchObject({ rowsTotal: 4, rowsValid: 1, rowsInvalid: 2, rowsDuplicate: 1 });
    expect(res.body.importJob.problems.map((p: { line: number; code: string; field: string }) => [p.line, p.field, p.code])).toEqual([
      [3, 'mobile', 'BAD_MOBILE'],
      [4, 'customer', 'UNKNOWN_CUSTOMER'],
      [5, 'name', 'DUPLICATE_ROW'],
    ]);
    await commitImport(t, 'admin', res.body.importJob.id);
    expect(await untilSettled(t, 'admin', res.body.importJob.id)).toMatchObject({ state: 'COMMITTED', rowsCreated: 1 });
    const [contact] = await t.db.query(`SELECT mobile, care_level FROM contact WHERE customer_id = $1`, [uuid(customer.id)]);
    expect(contact).toEqual({ mobile: '13812345678', care_level: 'KEY_PERSON' });
  });

  it('reads XLSX as it reads CSV', async () => {
    const file = await xlsx([CUSTOMER_HEADER, customerRow('西安表格导入甲'), customerRow('西安表格导入乙', { 区域编码: '9999' })]);
    const res = await upload(t, 'admin', 'customers', file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.status).toBe(201);
    expect(res.body.importJob).toMatchObject({ format: 'XLSX', rowsTotal: 2, rowsValid: 1, rowsInvalid: 1 });
    expect(res.body.importJob.problems).toEqual([expect.objectContaining({ line: 3, field: 'regionCode', code: 'UNKNOWN_REGION' })]);
  });
});

describe('the templates in examples/import', () => {
  const example = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'import', name));
  it('load cleanly: customers, then their contacts; the XLSX twin then holds only duplicates', async () => {
    const customers = await upload(t, 'admin', 'customers', example('customers.csv'));
    expect(customers.body.importJob).toMatchObject({ rowsTotal: 5, rowsValid: 5 });
    await commitImport(t, 'admin', customers.body.importJob.id);
    expect(await untilSettled(t, 'admin', customers.body.importJob.id)).toMatchObject({ state: 'COMMITTED', rowsCreated: 5 });
    const contacts = await upload(t, 'admin', 'contacts', example('contacts.csv'));
    expect(contacts.body.importJob).toMatchObject({ rowsTotal: 5, rowsValid: 5 });
    const twin = await upload(t, 'admin', 'customers', example('customers.xlsx'), 'application/octet-stream');
    expect(twin.body.importJob).toMatchObject({ format: 'XLSX', rowsTotal: 5, rowsDuplicate: 5 });
  });
});

describe('who may import', () => {
  it('a city leader imports into their own region only; managers and anonymous callers are refused; a job is its uploader’s', async () => {
    const file = csv([CUSTOMER_HEADER, customerRow('西安领导导入'), customerRow('宝鸡越界导入', { 区域编码: '6103', 客户经理工号: '' })]);
    const res = await upload(t, 'xa-leader', 'customers', file);
    expect(res.status).toBe(201);
    expect(res.body.importJob).toMatchObject({ rowsValid: 1, rowsInvalid: 1 });
    expect(res.body.importJob.problems).toEqual([expect.objectContaining({ line: 3, field: 'regionCode', code: 'OUT_OF_SCOPE' })]);
    expect(await importJob(t, 'bj-leader', res.body.importJob.id)).toBeNull();
    expect((await commitImport(t, 'bj-leader', res.body.importJob.id)).userErrors[0].code).toBe('NOT_FOUND');
    expect(await importJob(t, 'admin', res.body.importJob.id)).toMatchObject({ rowsValid: 1 });

    expect((await upload(t, 'xa-am1', 'customers', file)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await upload(t, 'xa-am1', 'customers', file)).status).toBe(403);
    const anonymous = await upload(t, null, 'customers', file);
    expect([anonymous.status, anonymous.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('malformed files get a clear error and write nothing', () => {
  const cases: [string, () => Promise<Buffer | string>, number, string][] = [
    ['not CSV nor XLSX (a PNG)', async () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(64)]), 400, 'UNSUPPORTED_FILE'],
    [
      'wrong headers',
      async () =>
        csv([
          ['名字', '代码'],
          ['甲', '乙'],
        ]),
      400,
      'WRONG_HEADERS',
    ],
    ['a header only', async () => '', 400, 'MALFORMED_FILE'],
    ['a CSV with a broken quote', async () => `${CUSTOMER_HEADER.join(',')}\n"西安,${'x'.repeat(10)}\n`, 400, 'MALFORMED_FILE'],
    ['larger than the limit', async () => Buffer.alloc(5 * 1024 * 1024, 0x41), 413, 'FILE_TOO_LARGE'],
    ['a zip bomb that says what it unpacks to', async () => zipBomb(40 * 1024 * 1024), 400, 'MALFORMED_FILE'],
    ['a zip bomb that lies about it', async () => zipBomb(40 * 1024 * 1024, 1000), 400, 'MALFORMED_FILE'],
    ['a damaged XLSX', async () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 400, 'MALFORMED_FILE'],
  ];
  it.each(cases)('%s', async (_name, file, status, code) => {
    const before = await count('import_job');
    const res = await upload(t, 'admin', 'customers', await file(), 'application/octet-stream');
    expect([res.status, res.body.errors?.[0]?.extensions?.code]).toEqual([status, code]);
    expect(res.body.errors[0].message.length).toBeGreaterThan(10);
    expect(await count('import_job')).toBe(before);
  });

  it('a file found bad half-way (a broken line after 2,500 good ones) leaves nothing either', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => customerRow(`半途坏文件${i}`));
    const file = `${csv([CUSTOMER_HEADER, ...rows])}"未闭合,引号\n`;
    const [jobs, reports] = [await count('import_job'), await count('import_row')];
    const res = await upload(t, 'admin', 'customers', file);
    expect(res.body.errors[0].extensions.code).toBe('MALFORMED_FILE');
    expect([await count('import_job'), await count('import_row')]).toEqual([jobs, reports]);
  });
});

describe('committing in batches', () => {
  it('10,000 customers: dry run, commit, every one written once', async () => {
    const rows = Array.from({ length: 10000 }, (_, i) =>
      customerRow(`万行导入单位${i}`, { 区域编码: i % 2 ? '6101' : '610113', 管理层级: i % 2 ? 'CITY' : 'COUNTY', 客户经理工号: i % 2 ? 'xa-am1' : '' }),
    );
    const started = Date.now();
    const res = await upload(t, 'admin', 'customers', csv([CUSTOMER_HEADER, ...rows]));
    const validated = Date.now();
    expect(res.body.importJob).toMatchObject({ rowsTotal: 10000, rowsValid: 10000 });
    await commitImport(t, 'admin', res.body.importJob.id);
    expect(await untilSettled(t, 'admin', res.body.importJob.id, 120000)).toMatchObject({ state: 'COMMITTED', rowsDone: 10000, rowsCreated: 10000 });
    process.stdout.write(`import: 10,000 rows — dry run ${validated - started} ms, commit ${Date.now() - validated} ms\n`);
    expect(await count(`group_customer WHERE name LIKE '万行导入单位%'`)).toBe(10000);
    expect(await count(`group_customer c JOIN customer_change ch ON ch.customer_id = c.id WHERE c.name LIKE '万行导入单位%'`)).toBe(10000);
  });

  it('a commit stopped after two batches resumes where it stopped — twice at once, still nothing twice', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => customerRow(`续传单位${i}`));
    const res = await upload(t, 'admin', 'customers', csv([CUSTOMER_HEADER, ...rows]));
    const id = uuid(res.body.importJob.id);
    await t.db.query(`UPDATE import_job SET state = 'COMMITTING' WHERE id = $1`, [id]);
    // As a server that stopped (or crashed) after its second batch committed.
    await runImportJob(t.db, id, createLogger('silent'), { batchRows: 1000, workers: 1, maxBatches: 2 });
    expect(await importJob(t, 'admin', res.body.importJob.id)).toMatchObject({ state: 'COMMITTING', rowsDone: 2000, rowsCreated: 2000 });
    expect(await count(`group_customer WHERE name LIKE '续传单位%'`)).toBe(2000);
    // A second instance starting on the same database takes it up; a resume asked of the first races it.
    const other = await startTestApp({ DATABASE_URL: t.url });
    try {
      await commitImport(t, 'admin', res.body.importJob.id);
      expect(await untilSettled(t, 'admin', res.body.importJob.id)).toMatchObject({ state: 'COMMITTED', rowsDone: 2500, rowsCreated: 2500 });
    } finally {
      await other.close();
    }
    expect(await count(`group_customer WHERE name LIKE '续传单位%'`)).toBe(2500);
  });

  it('a batch that fails is rolled back whole; the job says why, and a resume finishes it', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => customerRow(`坏批次单位${i}`));
    const res = await upload(t, 'admin', 'customers', csv([CUSTOMER_HEADER, ...rows]));
    const id = uuid(res.body.importJob.id);
    // Row 1,500 (in the second batch) breaks a table constraint at commit time.
    await t.db.query(`UPDATE import_row SET data = jsonb_set(data, '{memberCount}', '-1') WHERE job_id = $1 AND line = 1501`, [id]);
    await t.db.query(`UPDATE import_job SET state = 'COMMITTING' WHERE id = $1`, [id]);
    await runImportJob(t.db, id, createLogger('silent'), { batchRows: 1000, workers: 1 });
    const failed = await importJob(t, 'admin', res.body.importJob.id);
    expect(failed).toMatchObject({ state: 'FAILED', rowsDone: 1000, rowsCreated: 1000 });
    expect(failed.failure).toMatch(/member_count/);
    expect(await count(`group_customer WHERE name LIKE '坏批次单位%'`)).toBe(1000);
    expect(await count(`import_row WHERE job_id = $1 AND status = 'CREATED'`, [id])).toBe(1000);
    await t.db.query(`UPDATE import_row SET data = jsonb_set(data, '{memberCount}', '1') WHERE job_id = $1 AND line = 1501`, [id]);
    await commitImport(t, 'admin', res.body.importJob.id);
    expect(await untilSettled(t, 'admin', res.body.importJob.id)).toMatchObject({ state: 'COMMITTED', rowsDone: 2500, rowsCreated: 2500 });
    expect(await count(`group_customer WHERE name LIKE '坏批次单位%'`)).toBe(2500);
  });

  it('two workers on one job, and a second instance joining in, share the rows: each written once', async () => {
    const rows = Array.from({ length: 3500 }, (_, i) => customerRow(`并行单位${i}`));
    const res = await upload(t, 'admin', 'customers', csv([CUSTOMER_HEADER, ...rows]));
    const id = uuid(res.body.importJob.id);
    await t.db.query(`UPDATE import_job SET state = 'COMMITTING' WHERE id = $1`, [id]);
    const other = await startTestApp({ DATABASE_URL: t.url });
    try {
      await Promise.all([runImportJob(t.db, id, createLogger('silent'), { batchRows: 500, workers: 2 }), runImportJob(other.db, id, createLogger('silent'), { batchRows: 500, workers: 2 })]);
    } finally {
      await other.close();
    }
    expect(await importJob(t, 'admin', res.body.importJob.id)).toMatchObject({ state: 'COMMITTED', rowsDone: 3500, rowsCreated: 3500 });
    expect(await count(`group_customer WHERE name LIKE '并行单位%'`)).toBe(3500);
    expect(await count(`(SELECT name FROM group_customer WHERE name LIKE '并行单位%' GROUP BY name HAVING count(*) > 1) twice`)).toBe(0);
  });

  it('a customer added by someone else between dry run and commit is skipped, not written twice', async () => {
    const code = freshCreditCode();
    const res = await upload(t, 'admin', 'customers', csv([CUSTOMER_HEADER, customerRow('抢先单位', { 统一社会信用代码: code }), customerRow('正常单位甲')]));
    await mustCreateCustomer(t, 'xa-am1', { name: '抢先单位（手工）', creditCode: code });
    await commitImport(t, 'admin', res.body.importJob.id);
    expect(await untilSettled(t, 'admin', res.body.importJob.id)).toMatchObject({ state: 'COMMITTED', rowsCreated: 1 });
    const report = dataOf(await t.gql('admin', `query($id: ID!) { importJob(id: $id) { rows { nodes { line status createdId } } } }`, { id: res.body.importJob.id }));
    expect(report.importJob.rows.nodes.map((r: { status: string }) => r.status)).toEqual(['SKIPPED', 'CREATED']);
    expect(await count(`group_customer WHERE credit_code = $1`, [code])).toBe(1);
  });
});
