import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { creditCodeCheckCharacter } from '../../src/modules/customers/credit-code';
import type { TestApp } from '../support/harness';

/** Builders for import tests: files as operators would send them, and the upload itself. */

export const CUSTOMER_HEADER = ['客户名称', '统一社会信用代码', '行业', '客户等级', '管理层级', '区域编码', '客户经理工号', '集团成员数', '月收入', '状态', '地址'];
export const CONTACT_HEADER = ['客户编码或统一社会信用代码', '姓名', '职务', '部门', '关怀级别', '决策角色', '态度', '手机', '邮箱', '生日', '备注'];

const run = `${process.pid
  .toString(36)
  .toUpperCase()
  .replace(/[IOSVZ]/g, 'A')}${Date.now()
  .toString(36)
  .toUpperCase()
  .slice(-3)
  .replace(/[IOSVZ]/g, 'B')}`
  .slice(0, 6)
  .padEnd(6, '0');
let serial = 0;
/** A valid credit code no other test (nor the demo data) uses. */
export function freshCreditCode(): string {
  const body = `93${run}${String(serial++).padStart(9, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

/** The same code with a wrong check character. */
export function wrongCheckCharacter(code: string): string {
  return code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
}

export function csv(rows: (string | number)[][]): string {
  return rows.map((row) => row.map((cell) => (/[",\n]/.test(String(cell)) ? `"${String(cell).replace(/"/g, '""')}"` : String(cell))).join(',')).join('\n') + '\n';
}

/** A customer row: 西安 city-managed, kept by xa-am1, unless changed. */
export function customerRow(name: string, over: Partial<Record<string, string>> = {}): string[] {
  const row: Record<string, string> = {
    客户名称: name,
    统一社会信用代码: freshCreditCode(),
    行业: '政府',
    客户等级: 'C',
    管理层级: 'CITY',
    区域编码: '6101',
    客户经理工号: 'xa-am1',
    集团成员数: '120',
    月收入: '35000.50',
    状态: '在网',
    地址: '西安市雁塔区',
    ...over,
  };
  return CUSTOMER_HEADER.map((h) => row[h] ?? '');
}

export async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A ZIP of one entry of `size` zero bytes; `declared` is what its directory claims (a lying bomb claims little). */
export function zipBomb(size: number, declared = size): Buffer {
  const data = Buffer.alloc(size);
  const deflated = zlib.deflateRawSync(data, { level: 9 });
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const crc = zlib.crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryOffset = local.length + name.length + deflated.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, name, deflated, central, name, eocd]);
}

export interface UploadAnswer {
  status: number;
  body: any;
}

/** POST /import/<kind> with the file as the raw body, as `as` (null: no token). */
export async function upload(t: TestApp, as: string | null, kind: 'customers' | 'contacts', file: string | Buffer, type = 'text/csv'): Promise<UploadAnswer> {
  let req = request(t.app.express)
    .post(`/import/${kind}?filename=test.${type === 'text/csv' ? 'csv' : 'xlsx'}`)
    .set('content-type', type);
  if (as) req = req.set('authorization', `Bearer ${await t.token(as)}`);
  const res = await req.send(typeof file === 'string' ? Buffer.from(file) : file);
  return { status: res.status, body: res.body };
}

export const IMPORT_JOB = `query($id: ID!) { importJob(id: $id) { id kind state rowsTotal rowsValid rowsInvalid rowsDuplicate rowsDone rowsCreated failure
  errors(first: 1000) { line field code message } } }`;

export async function importJob(t: TestApp, as: string, id: string) {
  const res = await t.gql(as, IMPORT_JOB, { id });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.importJob;
}

export async function commitImport(t: TestApp, as: string, id: string) {
  const res = await t.gql(as, `mutation($id: ID!) { commitImport(input: { id: $id }) { importJob { id state } userErrors { code message field } } }`, { id });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.commitImport;
}

/** Waits until the job is COMMITTED (or FAILED), polling as a client would. */
export async function untilSettled(t: TestApp, as: string, id: string, timeoutMs = 60000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await importJob(t, as, id);
    if (job.state === 'COMMITTED' || job.state === 'FAILED') return job;
    if (Date.now() > until) throw new Error(`import ${id} still ${job.state} (${job.rowsDone}/${job.rowsTotal})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
