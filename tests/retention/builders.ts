import { dataOf, TestApp } from '../support/harness';

/** Builders for retention tests: billed months, refreshes, risk reads. */

/** The China month `offset` months from the current one, YYYY-MM (−1: last month, the latest billed in these tests). */
export function month(offset: number): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 7);
}

/** A China date `days` from today, YYYY-MM-DD. */
export function chinaDay(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

export const RECORD = `mutation($input: RecordMonthlyRevenueInput!) { recordMonthlyRevenue(input: $input) { batch { rows customers months } userErrors { code message field } } }`;

export async function record(t: TestApp, as: string, rows: { customerCode: string; month: string; revenue: string }[]) {
  return t.gql(as, RECORD, { input: { rows } });
}

export async function mustRecord(t: TestApp, rows: { customerCode: string; month: string; revenue: string }[]) {
  const payload = dataOf(await record(t, 'admin', rows)).recordMonthlyRevenue;
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload.batch;
}

/** The same revenue for each of the months `from`..`to` (offsets from this month). */
export function months(customerCode: string, from: number, to: number, revenue: string) {
  const rows = [];
  for (let m = from; m <= to; m++) rows.push({ customerCode, month: month(m), revenue });
  return rows;
}

export async function refresh(t: TestApp, customerIds?: string[]) {
  const payload = dataOf(
    await t.gql('admin', `mutation($input: RefreshRetentionInput!) { refreshRetention(input: $input) { refresh { customers computedAt } userErrors { code message field } } }`, {
      input: { customerIds: customerIds ?? null },
    }),
  ).refreshRetention;
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload.refresh;
}

export const RISK = `query($id: ID!) { node(id: $id) { ... on GroupCustomer { churnRisk { level revenue signals { kind since evidence } } } } }`;

export async function riskOf(t: TestApp, id: string, as = 'admin') {
  return dataOf(await t.gql(as, RISK, { id })).node?.churnRisk;
}

/** The one signal of a kind on a customer, after refreshing it. */
export async function signalOf(t: TestApp, customer: { id: string }, kind: string) {
  await refresh(t, [customer.id]);
  const risk = await riskOf(t, customer.id);
  return risk.signals.find((s: { kind: string }) => s.kind === kind) ?? null;
}
