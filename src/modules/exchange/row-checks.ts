import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../platform/auth/viewer';
import { Role } from '../../platform/auth/viewer';
import { normaliseEmail, normaliseMobile, parseBirthday } from '../contacts/personal-data';
import { contactImport, ImportedContact } from '../contacts/contact-import';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from '../customers/credit-code';
import { customerImport, ImportedCustomer } from '../customers/customer-import';
import { organisationFacts } from '../organisation/organisation.sql';
import { exchangePolicy } from './exchange.policy';
import { ImportRowStatus } from './exchange.enums';
import { CareLevel, ContactAttitude, ContactField, CustomerField, CustomerGrade, CustomerStatus, DecisionRole, enumValue, Industry, ManagementLevel } from './import-columns';

/*
 * The dry run's rules for one row (issue 17): what makes it invalid (field and
 * reason), or a duplicate of an existing record or of an earlier row. Rows
 * come in chunks, so each lookup is one statement per chunk.
 */

export interface RowProblem {
  field: string;
  code: string;
  message: string;
}

export interface CheckedRow<D> {
  line: number;
  status: ImportRowStatus;
  problems: RowProblem[];
  data: D | null;
}

export interface FileRow<F> {
  line: number;
  values: Map<F, string>;
}

/** What earlier rows of the same file took: key → line. */
export type Seen = Map<string, number>;

const MANAGER_ROLES: readonly Role[] = [Role.ACCOUNT_MANAGER, Role.GRID_MANAGER, Role.INDUSTRY_MANAGER];
/** The province of a region path `/61/6101/…/` (as customer.service.ts places customers). */
const provinceOf = (path: string) => path.split('/')[1] ?? '';
const DUPLICATE_CODES = new Set(['DUPLICATE_EXISTING', 'DUPLICATE_ROW']);

function finish<D>(line: number, problems: RowProblem[], data: D): CheckedRow<D> {
  if (problems.length === 0) return { line, status: ImportRowStatus.VALID, problems, data };
  const status = problems.every((p) => DUPLICATE_CODES.has(p.code)) ? ImportRowStatus.DUPLICATE : ImportRowStatus.INVALID;
  return { line, status, problems, data: null };
}

function text(values: Map<string, string>, field: string, max: number, problems: RowProblem[], required = false): string | null {
  const value = values.get(field)?.trim() ?? '';
  if (!value) {
    if (required) problems.push({ field, code: 'REQUIRED', message: `${field} is required` });
    return null;
  }
  if (value.length > max) problems.push({ field, code: 'TOO_LONG', message: `${field} has more than ${max} characters` });
  return value;
}

function choice<E extends Record<string, string>>(values: Map<string, string>, field: string, allowed: E, problems: RowProblem[], fallback: E[keyof E] | null): E[keyof E] | null {
  const cell = values.get(field)?.trim() ?? '';
  if (!cell) {
    if (fallback === null) return null;
    return fallback;
  }
  const value = enumValue(allowed, cell);
  if (!value) problems.push({ field, code: 'BAD_VALUE', message: `"${cell}" is not one of ${Object.values(allowed).join(', ')}` });
  return value;
}

/** 集团客户 rows: USCC check character, region code in the importer's scope, account manager, duplicates by credit code or by name in the region. */
export async function checkCustomerRows(tx: EntityManager, viewer: Viewer, rows: FileRow<CustomerField>[], seen: Seen): Promise<CheckedRow<ImportedCustomer>[]> {
  const cell = (row: FileRow<CustomerField>, field: CustomerField) => row.values.get(field)?.trim() ?? '';
  const regions = await organisationFacts.regionsByCodes(tx, rows.map((row) => cell(row, 'regionCode')).filter(Boolean));
  const managers = await organisationFacts.staffByEmployeeNos(tx, rows.map((row) => cell(row, 'accountManager')).filter(Boolean));
  const creditCodes = rows.map((row) => cell(row, 'creditCode').toUpperCase()).filter(Boolean);
  const byCredit = await customerImport.byCreditCodes(tx, creditCodes);
  const named = rows.flatMap((row) => {
    const region = regions.get(cell(row, 'regionCode'));
    return region && cell(row, 'name') ? [{ regionId: region.id, name: cell(row, 'name') }] : [];
  });
  const byName = await customerImport.byNamesInRegions(tx, named);

  return rows.map((row) => {
    const problems: RowProblem[] = [];
    const values = row.values as Map<string, string>;
    const name = text(values, 'name', 128, problems, true);
    const creditCode = cell(row, 'creditCode').toUpperCase().replace(/\s+/g, '') || null;
    const creditProblem = creditCode ? creditCodeProblem(creditCode) : null;
    if (creditProblem) problems.push({ field: 'creditCode', code: 'BAD_CREDIT_CODE', message: CREDIT_CODE_MESSAGES[creditProblem] });
    const industry = choice(values, 'industry', Industry, problems, null);
    const grade = choice(values, 'grade', CustomerGrade, problems, null);
    const managementLevel = choice(values, 'managementLevel', ManagementLevel, problems, null);
    for (const [field, value] of [
      ['industry', industry],
      ['grade', grade],
      ['managementLevel', managementLevel],
    ] as const)
      if (!value && !problems.some((p) => p.field === field)) problems.push({ field, code: 'REQUIRED', message: `${field} is required` });
    const status = choice(values, 'status', CustomerStatus, problems, CustomerStatus.ACTIVE);
    if (status === CustomerStatus.CHURNED) problems.push({ field: 'status', code: 'BAD_VALUE', message: 'A churned customer needs a churn reason: import it active and churn it in the app' });
    const regionCode = cell(row, 'regionCode');
    const region = regions.get(regionCode);
    if (!regionCode) problems.push({ field: 'regionCode', code: 'REQUIRED', message: 'regionCode is required' });
    else if (!region) problems.push({ field: 'regionCode', code: 'UNKNOWN_REGION', message: `No region has the code ${regionCode}` });
    else if (!exchangePolicy.mayImportInto(viewer, region.path))
      problems.push({ field: 'regionCode', code: 'OUT_OF_SCOPE', message: `Region ${regionCode} is outside the region you may import into` });
    const managerNo = cell(row, 'accountManager');
    const manager = managerNo ? managers.get(managerNo) : undefined;
    if (
      managerNo &&
      (!manager || !manager.active || manager.partnerId || !manager.roles.some((role) => MANAGER_ROLES.includes(role)) || (region && provinceOf(manager.regionPath) !== provinceOf(region.path)))
    ) {
      problems.push({ field: 'accountManager', code: 'UNKNOWN_ACCOUNT_MANAGER', message: `${managerNo} is not an active account, grid or industry manager of this province` });
    }
    const members = cell(row, 'memberCount');
    if (members && !/^\d{1,9}$/.test(members)) problems.push({ field: 'memberCount', code: 'BAD_VALUE', message: 'memberCount must be a whole number ≥ 0' });
    const revenue = cell(row, 'monthlyRevenue').replace(/,/g, '');
    if (revenue && !/^\d{1,13}(\.\d{1,2})?$/.test(revenue)) problems.push({ field: 'monthlyRevenue', code: 'BAD_VALUE', message: 'monthlyRevenue must be an amount ≥ 0 with at most two decimals' });
    const address = text(values, 'address', 256, problems);

    if (creditCode && !creditProblem) {
      const owner = byCredit.get(creditCode);
      if (owner) problems.push({ field: 'creditCode', code: 'DUPLICATE_EXISTING', message: `Credit code ${creditCode} already belongs to ${owner.name} (${owner.code})` });
      else if (seen.has(`credit:${creditCode}`)) problems.push({ field: 'creditCode', code: 'DUPLICATE_ROW', message: `Same credit code as row ${seen.get(`credit:${creditCode}`)}` });
      else seen.set(`credit:${creditCode}`, row.line);
    }
    if (name && region) {
      const key = customerImport.key(region.id, name);
      const owner = byName.get(key);
      if (owner) problems.push({ field: 'name', code: 'DUPLICATE_EXISTING', message: `${owner.code} already has this name in region ${regionCode}` });
      else if (seen.has(`name:${key}`)) problems.push({ field: 'name', code: 'DUPLICATE_ROW', message: `Same name and region as row ${seen.get(`name:${key}`)}` });
      else seen.set(`name:${key}`, row.line);
    }
    return finish(row.line, problems, {
      id: randomUUID(),
      name: name!,
      creditCode,
      industry: industry!,
      grade: grade!,
      managementLevel: managementLevel!,
      regionId: region?.id ?? '',
      accountManagerId: manager?.id ?? null,
      memberCount: members ? Number(members) : 0,
      monthlyRevenue: revenue || '0',
      status: status!,
      address,
    });
  });
}

/** 关键人物 rows: an existing customer in the importer's scope, care level, mobile, email, birthday; duplicates by name at the customer. */
export async function checkContactRows(tx: EntityManager, viewer: Viewer, rows: FileRow<ContactField>[], seen: Seen, today: string): Promise<CheckedRow<ImportedContact>[]> {
  const cell = (row: FileRow<ContactField>, field: ContactField) => row.values.get(field)?.trim() ?? '';
  const customers = await customerImport.byReferences(tx, rows.map((row) => cell(row, 'customer').toUpperCase()).filter(Boolean));
  const pairs = rows.flatMap((row) => {
    const customer = customers.get(cell(row, 'customer').toUpperCase());
    return customer && cell(row, 'name') ? [{ customerId: customer.id, name: cell(row, 'name') }] : [];
  });
  const existing = await contactImport.byNamesAtCustomers(tx, pairs);

  return rows.map((row) => {
    const problems: RowProblem[] = [];
    const values = row.values as Map<string, string>;
    const reference = cell(row, 'customer').toUpperCase();
    const customer = reference ? customers.get(reference) : undefined;
    if (!reference) problems.push({ field: 'customer', code: 'REQUIRED', message: 'customer (code or credit code) is required' });
    else if (!customer || !exchangePolicy.mayImportInto(viewer, customer.regionPath))
      problems.push({ field: 'customer', code: 'UNKNOWN_CUSTOMER', message: `No customer ${reference} in the region you may import into` });
    const name = text(values, 'name', 64, problems, true);
    const careLevel = choice(values, 'careLevel', CareLevel, problems, null);
    if (!careLevel && !problems.some((p) => p.field === 'careLevel')) problems.push({ field: 'careLevel', code: 'REQUIRED', message: 'careLevel is required' });
    const decisionRole = choice(values, 'decisionRole', DecisionRole, problems, null);
    const attitude = choice(values, 'attitude', ContactAttitude, problems, null);
    const rawMobile = cell(row, 'mobile');
    const mobile = rawMobile ? normaliseMobile(rawMobile) : null;
    if (rawMobile && !mobile) problems.push({ field: 'mobile', code: 'BAD_MOBILE', message: `"${rawMobile}" is not a mainland mobile number (11 digits, 13–19…)` });
    const rawEmail = cell(row, 'email');
    const email = rawEmail ? normaliseEmail(rawEmail) : null;
    if (rawEmail && !email) problems.push({ field: 'email', code: 'BAD_EMAIL', message: `"${rawEmail}" is not an email address` });
    const rawBirthday = cell(row, 'birthday');
    const birthday = rawBirthday ? parseBirthday(rawBirthday, today) : null;
    if (rawBirthday && !birthday) problems.push({ field: 'birthday', code: 'BAD_BIRTHDAY', message: `"${rawBirthday}" is not a past date as YYYY-MM-DD` });
    if (customer && name) {
      const key = contactImport.key(customer.id, name);
      if (existing.has(key)) problems.push({ field: 'name', code: 'DUPLICATE_EXISTING', message: `${customer.code} already has a contact named ${name}` });
      else if (seen.has(key)) problems.push({ field: 'name', code: 'DUPLICATE_ROW', message: `Same customer and name as row ${seen.get(key)}` });
      else seen.set(key, row.line);
    }
    return finish(row.line, problems, {
      id: randomUUID(),
      customerId: customer?.id ?? '',
      name: name!,
      title: text(values, 'title', 64, problems),
      department: text(values, 'department', 64, problems),
      careLevel: careLevel!,
      decisionRole,
      attitude,
      mobile,
      email,
      birthday,
      note: text(values, 'note', 1000, problems),
    });
  });
}
