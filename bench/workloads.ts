import type { Fixtures } from './fixtures';
import type { LoadPlan, LoadRequest } from './load';
import { PG_QUERIES } from './postgraphile';

/** One row of the results table: a workload, as one viewer, on up to three servers. */
export interface Workload {
  id: string;
  title: string;
  viewer: string;
  ours: LoadPlan;
  raw?: LoadPlan;
  postgraphile?: LoadPlan;
  /** The same plan on ours without rate limits (reads only: a write plan's rows serve one server). */
  unlimited?: LoadPlan;
  /** W8: distinct rows, checked against the database afterwards. */
  write?: 'care' | 'approval';
}

const gql = (token: string, query: string, variables: Record<string, unknown> = {}): LoadRequest => ({
  path: '/graphql',
  headers: { authorization: `Bearer ${token}` },
  body: JSON.stringify({ query, variables }),
});
const cycle = (requests: LoadRequest[], ok?: LoadPlan['ok']): LoadPlan => ({ next: (i) => requests[i % requests.length], ok });
const once = (request: LoadRequest): LoadPlan => cycle([request]);
const raw = (name: string, params: Record<string, unknown> = {}): LoadPlan => once({ path: `/${name}`, headers: {}, body: JSON.stringify(params) });
/** Writes succeed only with an empty userErrors list. */
const writeOk = (body: string) => !body.includes('"errors":') && body.includes('"userErrors":[]');
/** Past the end of a list of distinct rows, a request would re-use a row: it fails loudly instead. */
const distinct = <T>(items: T[], build: (item: T) => LoadRequest): LoadPlan => ({
  next: (i) => (i < items.length ? build(items[i]) : { path: '/exhausted', headers: {}, body: '{}' }),
  ok: writeOk,
  keepBodies: true,
});

/** The year up to today: ranking periods. */
const PERIOD = { from: new Date(Date.now() - 365 * 86400000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };

/** The last 90 days up to today: the retention report's period. */
const QUARTER = { from: new Date(Date.now() - 90 * 86400000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };

export const Q = {
  w9ranking: `query($p: PeriodInput!) { opportunityRanking(by: REGION, period: $p) { totalCount totalEstimatedAmount totalSignedAmount rows { rank region { name } count estimatedAmount signedAmount winRate averageCycleDays } } }`,
  w9owners: `query($p: PeriodInput!) { opportunityRanking(by: OWNER, period: $p) { totalCount rows { rank owner { name } count estimatedAmount signedAmount winRate } } }`,
  w9registrations: `{ myRegistrations(first: 50) { nodes { id outcome registeredAt protectedUntil products customerSummary { name } collidedWith { code } } } }`,
  w1: `{ groupCustomers(first: 50, orderBy: { field: NAME, direction: ASC }) { nodes { id code name grade monthlyRevenue } } }`,
  w2: `{ groupCustomers(first: 50, orderBy: { field: NAME, direction: ASC }) { nodes { id code name grade monthlyRevenue contacts(first: 5) { nodes { name title careLevel lastCaredAt } } } } }`,
  w3: `query($id: ID!) { node(id: $id) { id ... on GroupCustomer { code name grade contacts(first: 10) { nodes { name title careLevel } } opportunities(first: 10) { nodes { code title stage estimatedAmount } } } } }`,
  w4: `{ careDue(first: 20) { totalCount nodes { id name careStatus } } }`,
  w5: `query($t: String) { groupCustomers(first: 20, filter: { text: $t }) { totalCount nodes { id name } } }`,
  w6: `{ opportunities(first: 50) { nodes { id code title stage estimatedAmount customer { name } owner { name } currentStep { sequence state dueAt } } } }`,
  w6approvals: `{ myApprovals(first: 20) { totalCount nodes { id sequence dueAt overdue opportunity { code title customer { name } } } } }`,
  w6pipeline: `{ pipeline { totalCount openAmount winRate averageCycleDays byStage { stage count amount } } }`,
  w7: `query($s: ID!, $c: ID!) { introductionPaths(fromStaffId: $s, toContactId: $c, maxHops: 4, first: 3) { hops strength } }`,
  w11risk: `{ atRiskCustomers(first: 20) { totalCount nodes { level revenue signals { kind since evidence } customer { code name grade } } } }`,
  w11report: `query($p: PeriodInput!) { retentionReport(period: $p, by: REGION) { rows { region { name } atRisk highRisk casesOpened retained lost retentionRate highEndRetentionRate } total { atRisk casesOpened retentionRate highEndAtStart highEndKept highEndRetentionRate } } }`,
  w8care: `mutation($c: ID!) { recordCareActivity(input: { contactId: $c, kind: CALL, note: "电话回访" }) { careActivity { id } userErrors { code message } } }`,
  w10queue: `{ overdueComplaints(first: 20) { totalCount nodes { id code severity state dueAt overdue customer { name } firstResponder { name } handler { name } } } }`,
  w8decide: `mutation($s: ID!) { decideApproval(input: { stepId: $s, decision: APPROVE, comment: "同意" }) { step { id state } userErrors { code message } } }`,
};

/**
 * Every workload of issue 9 for the viewers it names. `tokens` maps an
 * employee number to a signed token; PostGraphile runs as the database owner
 * (the admin viewer), so it takes part only in the admin rows of W1–W3.
 */
export function buildWorkloads(f: Fixtures, tokens: Map<string, string>): Workload[] {
  const t = (employeeNo: string) => tokens.get(employeeNo)!;
  const v = f.viewers;
  const list: Workload[] = [];
  const internal = [v.admin, v.province, v.city, v.accountManager];
  for (const viewer of internal) {
    const admin = viewer === v.admin;
    const w1 = once(gql(t(viewer), Q.w1));
    list.push({
      id: 'W1',
      title: 'customers: page of 50 by name',
      viewer,
      ours: w1,
      unlimited: w1,
      raw: admin ? raw('w1') : undefined,
      postgraphile: admin ? once({ path: '/graphql', headers: {}, body: JSON.stringify({ query: PG_QUERIES.w1 }) }) : undefined,
    });
  }
  for (const viewer of internal) {
    const admin = viewer === v.admin;
    list.push({
      id: 'W2',
      title: '50 customers × 5 contacts + last care',
      viewer,
      ours: once(gql(t(viewer), Q.w2)),
      raw: admin ? raw('w2') : undefined,
      postgraphile: admin ? once({ path: '/graphql', headers: {}, body: JSON.stringify({ query: PG_QUERIES.w2 }) }) : undefined,
    });
  }
  for (const viewer of internal) {
    const admin = viewer === v.admin;
    list.push({
      id: 'W3',
      title: 'node(id): customer + contacts + opportunities',
      viewer,
      ours: once(gql(t(viewer), Q.w3, { id: f.customer.gid })),
      raw: admin ? raw('w3', { id: f.customer.uuid }) : undefined,
      postgraphile: admin ? once({ path: '/graphql', headers: {}, body: JSON.stringify({ query: PG_QUERIES.w3, variables: { id: f.customer.uuid } }) }) : undefined,
    });
  }
  for (const viewer of [v.accountManager, v.city, v.province]) list.push({ id: 'W4', title: 'careDue(first: 20) + totalCount', viewer, ours: once(gql(t(viewer), Q.w4)) });
  for (const word of f.searchWords) {
    for (const viewer of [v.admin, v.province, v.accountManager]) {
      list.push({
        id: 'W5',
        title: `search "${word}" + totalCount`,
        viewer,
        ours: once(gql(t(viewer), Q.w5, { t: word })),
        raw: viewer === v.admin ? raw('w5', { text: word }) : undefined,
      });
    }
  }
  for (const viewer of [v.admin, v.city, v.accountManager, v.partner]) {
    list.push({
      id: 'W6',
      title: 'opportunities(first: 50) + customer, owner, step',
      viewer,
      ours: once(gql(t(viewer), Q.w6)),
      raw: viewer === v.admin ? raw('w6') : undefined,
    });
  }
  list.push({ id: 'W6', title: 'myApprovals(first: 20)', viewer: v.city, ours: once(gql(t(v.city), Q.w6approvals)) });
  list.push({ id: 'W6', title: 'pipeline', viewer: v.province, ours: once(gql(t(v.province), Q.w6pipeline)) });
  // Issue 11: 商机通报 over the viewer's scope for a year, and the partner portal's registrations.
  for (const viewer of [v.province, v.city]) list.push({ id: 'W9', title: 'opportunityRanking(REGION, a year)', viewer, ours: once(gql(t(viewer), Q.w9ranking, { p: PERIOD })) });
  list.push({ id: 'W9', title: 'opportunityRanking(OWNER, a year)', viewer: v.city, ours: once(gql(t(v.city), Q.w9owners, { p: PERIOD })) });
  list.push({ id: 'W9', title: 'myRegistrations(first: 50)', viewer: v.partner, ours: once(gql(t(v.partner), Q.w9registrations)) });
  // Issue 13: the leaders' queue of complaints past their deadline 超时投诉 — a page of the region's open complaints, not its customers.
  for (const viewer of [v.city, v.province]) list.push({ id: 'W10', title: 'overdueComplaints(first: 20) + totalCount', viewer, ours: once(gql(t(viewer), Q.w10queue)) });
  // Issue 12: 流失预警 in the viewer's scope (stored risk, keyset-walked), and the retention report over a quarter.
  for (const viewer of [v.province, v.city]) list.push({ id: 'W11', title: 'atRiskCustomers(first: 20) + totalCount', viewer, ours: once(gql(t(viewer), Q.w11risk)) });
  for (const viewer of [v.province, v.city]) list.push({ id: 'W11', title: 'retentionReport(REGION, a quarter)', viewer, ours: once(gql(t(viewer), Q.w11report, { p: QUARTER })) });
  list.push({
    id: 'W7',
    title: 'introductionPaths(maxHops: 4), cycled pairs',
    viewer: v.admin,
    ours: cycle(f.pathPairs.map((p) => gql(t(v.admin), Q.w7, { s: p.staff, c: p.contact }))),
  });
  // Writes: ours takes rows from the front of each list, raw from the back, so no row is written twice.
  const half = Math.floor(f.careTargets.length / 2);
  list.push({
    id: 'W8',
    title: 'recordCareActivity, distinct contacts',
    viewer: 'account managers',
    write: 'care',
    ours: distinct(f.careTargets.slice(0, half), (c) => gql(t(c.employeeNo), Q.w8care, { c: c.contactGid })),
    raw: distinct(f.careTargets.slice(half), (c) => ({ path: '/w8care', headers: {}, body: JSON.stringify({ contactId: c.contactId, staffId: c.staffId }) })),
  });
  list.push({
    id: 'W8',
    title: 'decideApproval APPROVE, distinct steps',
    viewer: 'city/county leaders',
    write: 'approval',
    ours: distinct(f.pendingSteps, (s) => gql(t(s.employeeNo), Q.w8decide, { s: s.stepGid })),
  });
  return list;
}
