import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { normaliseDecimal } from '../../platform/graphql/scalars';
import { failMany, ok, Result, userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { customerRetention } from '../customers/customer-retention';
import { chinaDate } from '../opportunities/fen';
import { REFRESH_BATCH, retentionEngine } from './retention-engine';
import { MAX_REVENUE_ROWS, RecordMonthlyRevenueInput } from './retention.inputs';
import { retentionPolicy } from './retention.policy';
import type { MonthlyRevenueBatch } from './retention.types';

/*
 * 计费月收入 (DOMAIN.md: Retention): billing (BOSS) sends batches of
 * (customer code, month, revenue). A batch is written whole or not at all;
 * re-sending a customer's month replaces it; `monthlyRevenue` follows the
 * latest month; the customers' risk and segment are recomputed in the same
 * transaction, so `churnRisk` and the lists see the new revenue at once.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

interface CheckedRow {
  index: number;
  code: string;
  month: string;
  revenue: string;
}

function checkRows(input: RecordMonthlyRevenueInput, errors: UserErrorValue[]): CheckedRow[] {
  const rows = input.rows ?? [];
  if (rows.length === 0 || rows.length > MAX_REVENUE_ROWS) errors.push(userError(UserErrorCode.VALIDATION, `Send 1–${MAX_REVENUE_ROWS} rows a call`, 'rows'));
  const thisMonth = chinaDate().slice(0, 7);
  const seen = new Map<string, number>();
  const checked: CheckedRow[] = [];
  rows.slice(0, MAX_REVENUE_ROWS).forEach((row, index) => {
    const at = (field: string, message: string, code = UserErrorCode.VALIDATION) => errors.push(userError(code, `Row ${index}: ${message}`, ['rows', String(index), field]));
    const code = (row.customerCode ?? '').trim().toUpperCase();
    const month = (row.month ?? '').trim();
    const revenue = (row.revenue ?? '').trim();
    const problems: [string, string][] = [];
    if (!code) problems.push(['customerCode', 'the customer code is empty']);
    if (!MONTH.test(month)) problems.push(['month', `"${month.slice(0, 20)}" is not a month (YYYY-MM)`]);
    else if (month > thisMonth) problems.push(['month', `${month} has not begun`]);
    if (revenue.startsWith('-')) problems.push(['revenue', 'revenue must not be negative']);
    else if (!AMOUNT.test(revenue)) problems.push(['revenue', `"${revenue.slice(0, 20)}" is not a decimal amount with at most two decimals`]);
    const key = `${code}|${month}`;
    if (problems.length === 0 && seen.has(key)) problems.push(['month', `${code} ${month} is already row ${seen.get(key)} of this batch`]);
    for (const [field, message] of problems) at(field, message);
    if (problems.length === 0) {
      seen.set(key, index);
      checked.push({ index, code, month: `${month}-01`, revenue: normaliseDecimal(revenue) });
    }
  });
  return checked;
}

export async function recordMonthlyRevenue(ctx: Context, input: RecordMonthlyRevenueInput): Promise<Result<MonthlyRevenueBatch>> {
  if (!retentionPolicy.mayRecordRevenue(ctx.viewer)) throw forbidden('Only billing and administrators record monthly revenue');
  const errors: UserErrorValue[] = [];
  const rows = checkRows(input, errors);
  return inTransaction(ctx, async (tx) => {
    const ids = await customerRetention.idsByCode(tx, [...new Set(rows.map((row) => row.code))]);
    for (const row of rows) {
      if (!ids.has(row.code)) errors.push(userError(UserErrorCode.NOT_FOUND, `Row ${row.index}: no customer has code ${row.code}`, ['rows', String(row.index), 'customerCode']));
    }
    if (errors.length) return failMany(errors.sort((a, b) => Number(a.field?.[2] ?? -1) - Number(b.field?.[2] ?? -1)));
    const customerIds = rows.map((row) => ids.get(row.code)!);
    await tx.query(
      `INSERT INTO customer_monthly_revenue (customer_id, month, revenue, recorded_by_id)
       SELECT v.customer_id, v.month, v.revenue, $4 FROM unnest($1::uuid[], $2::date[], $3::numeric[]) AS v(customer_id, month, revenue)
       ON CONFLICT (customer_id, month) DO UPDATE SET revenue = EXCLUDED.revenue, recorded_by_id = EXCLUDED.recorded_by_id, recorded_at = now()`,
      [customerIds, rows.map((row) => row.month), rows.map((row) => row.revenue), ctx.viewer.staffId],
    );
    const distinct = [...new Set(customerIds)];
    const latest: { customerId: string; revenue: string }[] = await tx.query(
      `SELECT DISTINCT ON (customer_id) customer_id AS "customerId", revenue::text AS revenue FROM customer_monthly_revenue WHERE customer_id = ANY($1) ORDER BY customer_id, month DESC`,
      [distinct],
    );
    await customerRetention.setMonthlyRevenue(tx, latest);
    for (let i = 0; i < distinct.length; i += REFRESH_BATCH) await retentionEngine.store(tx, distinct.slice(i, i + REFRESH_BATCH));
    return ok({ rows: rows.length, customers: distinct.length, months: [...new Set(rows.map((row) => row.month.slice(0, 7)))].sort() });
  });
}
