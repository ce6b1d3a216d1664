import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { aContract, act, cityCustomer, expectUserError, history, mustCreateOpportunity, opportunityIn, uuidOf } from './builders';
import { CONTRACT_FIELDS, chinaDaysAgo, chinaToday, mustReport, mustWin, toInProgress, win } from './money-builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);

describe('winning means a signed contract 签约', () => {
  it('closes WON with the contract, kept upper-case, with its term’s end and the history entry', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    const won = await mustWin(t, o.id, { number: 'ht-2026-xa-0001', signedAmount: '123456.78', termMonths: 24, signedOn: '2026-01-31' });
    expect(won.stage).toBe('WON');
    expect(won.contract).toMatchObject({
      number: 'HT-2026-XA-0001',
      signedAmount: '123456.78',
      termMonths: 24,
      signedOn: '2026-01-31',
      endsOn: '2028-01-31',
      productLine: 'INTERNET_LINE',
      provisioningState: 'PROVISIONING',
    });
    const entries = await history(t, 'xa-am1', o.id);
    expect(entries[entries.length - 1]).toMatchObject({
      action: 'CLOSE_WON',
      fromStage: 'IN_PROGRESS',
      toStage: 'WON',
      comment: '签约 (合同 HT-2026-XA-0001)',
    });
  });

  it('refuses a WON close without a contract, and a LOST one with a contract', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    expectUserError(await act(t, 'xa-am1', 'closeOpportunity', { id: o.id, outcome: 'WON', reason: '签约' }), 'VALIDATION', 'contract');
    expectUserError(await act(t, 'xa-am1', 'closeOpportunity', { id: o.id, outcome: 'LOST', reason: '丢单', contract: aContract() }), 'VALIDATION', 'contract');
  });

  it.each([
    ['a term of 0 months', { termMonths: 0 }, 'contract.termMonths'],
    ['a term over 120 months', { termMonths: 121 }, 'contract.termMonths'],
    ['a zero amount', { signedAmount: '0.00' }, 'contract.signedAmount'],
    ['a negative amount', { signedAmount: '-5.00' }, 'contract.signedAmount'],
    ['an absurd amount', { signedAmount: '99999999999.00' }, 'contract.signedAmount'],
    ['a signing date in the future', { signedOn: '2999-01-01' }, 'contract.signedOn'],
    ['a blank number', { number: '  ' }, 'contract.number'],
    ['a product line the opportunity does not have', { productLine: 'IOT' }, 'contract.productLine'],
  ])('refuses %s, writing nothing', async (_label, contract, field) => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    expectUserError(await win(t, o.id, contract), 'VALIDATION', field);
    expect(await count(`SELECT count(*)::int AS n FROM contract WHERE opportunity_id = $1`, [uuidOf(o.id)])).toBe(0);
    expect(dataOf(await t.gql('xa-am1', `query($id: ID!) { opportunity(id: $id) { stage version } }`, { id: o.id })).opportunity).toEqual({
      stage: 'IN_PROGRESS',
      version: o.version,
    });
  });

  it('a contract signed today (China time) is accepted; several product lines need the one signed', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id, { products: ['CLOUD', 'IDC'] });
    expectUserError(await win(t, o.id, { signedOn: chinaToday() }), 'VALIDATION', 'contract.productLine');
    expect((await mustWin(t, o.id, { signedOn: chinaToday(), productLine: 'IDC' })).contract.productLine).toBe('IDC');
  });

  it('one contract number, one opportunity: a second win with it is DUPLICATE_CONTRACT', async () => {
    const customer = await cityCustomer(t);
    const first = await opportunityIn(t, 'IN_PROGRESS', customer.id);
    const second = await opportunityIn(t, 'IN_PROGRESS', customer.id, { products: ['IOT'] });
    await mustWin(t, first.id, { number: 'HT-ONCE-1' });
    expectUserError(await win(t, second.id, { number: 'ht-once-1' }), 'DUPLICATE_CONTRACT', 'contract.number');
    expect(dataOf(await t.gql('xa-am1', `query($id: ID!) { opportunity(id: $id) { stage contract { number } } }`, { id: second.id })).opportunity).toEqual({
      stage: 'IN_PROGRESS',
      contract: null,
    });
  });

  it('20 racing wins with one contract number: exactly one succeeds, the others get DUPLICATE_CONTRACT and write nothing', async () => {
    const customer = await cityCustomer(t);
    const racers = [];
    for (let i = 0; i < 20; i++) racers.push(await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id, title: `竞速${i}` }));
    const inProgress = await Promise.all(racers.map(async (o) => o)); // created in DRAFT; drive them in sequence
    for (const o of inProgress) {
      await act(t, 'xa-am1', 'submitOpportunity', { id: o.id });
      await toInProgress(t, o.id);
    }
    const events = await count(`SELECT count(*)::int AS n FROM opportunity_event`);
    const payloads = await Promise.all(racers.map((o) => win(t, o.id, { number: 'HT-RACE-0001' })));
    expect(payloads.filter((p) => p.userErrors.length === 0)).toHaveLength(1);
    expect(payloads.filter((p) => p.userErrors[0]?.code === 'DUPLICATE_CONTRACT')).toHaveLength(19);
    expect(await count(`SELECT count(*)::int AS n FROM contract WHERE number = 'HT-RACE-0001'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM opportunity WHERE customer_id = $1 AND stage = 'WON'`, [uuidOf(customer.id)])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM opportunity_event`)).toBe(events + 1);
  });
});

describe('provisioning 开通', () => {
  const RECORD = `mutation($i: RecordProvisioningInput!) { recordProvisioning(input: $i) { contract { ${CONTRACT_FIELDS} } opportunity { stage version } userErrors { code message field } } }`;
  const record = async (as: string, input: Record<string, unknown>) => {
    const res = await t.gql(as, RECORD, { i: input });
    return res.body.errors ? res : res.body.data.recordProvisioning;
  };

  it('PROVISIONING → IN_SERVICE with a date, recorded in the history; then every move is refused naming the state', async () => {
    const o = await opportunityIn(t, 'WON', (await cityCustomer(t)).id, {}, { signedOn: chinaDaysAgo(10) });
    expectUserError(await record('xa-am1', { id: o.id, outcome: 'IN_SERVICE' }), 'VALIDATION', 'date');
    expectUserError(await record('xa-am1', { id: o.id, outcome: 'IN_SERVICE', date: '2999-01-01' }), 'VALIDATION', 'date');
    expectUserError(await record('xa-am1', { id: o.id, outcome: 'IN_SERVICE', date: chinaDaysAgo(11) }), 'VALIDATION', 'date');
    const done = await record('xa-am1', { id: o.id, outcome: 'IN_SERVICE', date: chinaDaysAgo(2), expectedVersion: o.version });
    expect(done.userErrors).toEqual([]);
    expect(done.contract).toMatchObject({ provisioningState: 'IN_SERVICE', inServiceOn: chinaDaysAgo(2) });
    expect(done.opportunity).toEqual({ stage: 'WON', version: o.version + 1 });
    const refused = expectUserError(await record('xa-am1', { id: o.id, outcome: 'FAILED', date: chinaToday(), reason: '机房未就绪' }), 'INVALID_TRANSITION');
    expect(refused.message).toContain('is IN_SERVICE');
    expect(expectUserError(await record('xa-am1', { id: o.id, outcome: 'RETRY' }), 'INVALID_TRANSITION').message).toContain('is IN_SERVICE');
    const entries = await history(t, 'xa-am1', o.id);
    expect(entries[entries.length - 1]).toMatchObject({ action: 'PROVISIONED', fromStage: 'WON', toStage: 'WON', actor: { employeeNo: 'xa-am1' } });
  });

  it('PROVISIONING_FAILED needs a reason; RETRY starts again; stale versions are refused', async () => {
    const o = await opportunityIn(t, 'WON', (await cityCustomer(t)).id);
    expectUserError(await record('xa-am1', { id: o.id, outcome: 'FAILED', date: chinaToday() }), 'VALIDATION', 'reason');
    const failed = await record('xa-leader', { id: o.id, outcome: 'FAILED', date: chinaToday(), reason: '客户机房未就绪' });
    expect(failed.contract).toMatchObject({ provisioningState: 'PROVISIONING_FAILED', failedOn: chinaToday(), failureReason: '客户机房未就绪' });
    expectUserError(await record('xa-am1', { id: o.id, outcome: 'RETRY', expectedVersion: o.version }), 'VERSION_CONFLICT', 'expectedVersion');
    expect((await record('xa-am1', { id: o.id, outcome: 'RETRY' })).contract).toMatchObject({
      provisioningState: 'PROVISIONING',
      failedOn: null,
      failureReason: null,
    });
    expect((await history(t, 'xa-am1', o.id)).slice(-2).map((e) => e.action)).toEqual(['PROVISIONING_FAILED', 'PROVISIONING_RETRIED']);
  });

  it('only after a win, only by the owner or a leader over the customer, and never out of scope', async () => {
    const open = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    expect(expectUserError(await record('xa-am1', { id: open.id, outcome: 'RETRY' }), 'INVALID_TRANSITION').message).toContain('IN_PROGRESS');
    const won = await opportunityIn(t, 'WON', (await cityCustomer(t)).id);
    expectUserError(await record('xa-support', { id: won.id, outcome: 'IN_SERVICE', date: chinaToday() }), 'NOT_FOUND', 'id');
    expectUserError(await record('bj-leader', { id: won.id, outcome: 'IN_SERVICE', date: chinaToday() }), 'NOT_FOUND', 'id');
    await t.db.query(`UPDATE opportunity SET follower_ids = ARRAY[(SELECT id FROM staff WHERE employee_no = 'xa-am2')] WHERE id = $1`, [uuidOf(won.id)]);
    expect(errorCodes(await t.gql('xa-am2', RECORD, { i: { id: won.id, outcome: 'IN_SERVICE', date: chinaToday() } }))).toEqual(['FORBIDDEN']);
  });

  it('partners see the provisioning state of their won opportunity but not our failure notes', async () => {
    const reported = await mustReport(t, 'p-huaxin', (await cityCustomer(t)).id, ['IDC']);
    await toInProgress(t, reported.id);
    await mustWin(t, reported.id);
    await record('xa-am1', { id: reported.id, outcome: 'FAILED', date: chinaToday(), reason: '内部: 装维资源不足' });
    const seen = dataOf(await t.gql('p-huaxin', `query($id: ID!) { opportunity(id: $id) { contract { provisioningState failureReason } } }`, { id: reported.id })).opportunity.contract;
    expect(seen).toEqual({ provisioningState: 'PROVISIONING_FAILED', failureReason: null });
  });
});

describe('the pipeline reports signed amounts beside estimated ones', () => {
  it('sums contracts exactly per stage and in total', async () => {
    const customer = await cityCustomer(t, { name: '签约金额客户' });
    await mustWin(t, (await opportunityIn(t, 'IN_PROGRESS', customer.id, { estimatedAmount: '100000.10', products: ['DARK_FIBER'] })).id, {
      signedAmount: '90000.05',
    });
    await mustWin(t, (await opportunityIn(t, 'IN_PROGRESS', customer.id, { estimatedAmount: '200000.20', products: ['DATA_POOL'] })).id, {
      signedAmount: '0.10',
    });
    await opportunityIn(t, 'DRAFT', customer.id, { products: ['DATA_POOL'] });
    const report = dataOf(
      await t.gql('xa-leader', `query($f: PipelineFilter) { pipeline(filter: $f) { signedAmount byStage { stage amount signedAmount } } }`, {
        f: { products: ['DARK_FIBER', 'DATA_POOL'] },
      }),
    ).pipeline;
    expect(report.signedAmount).toBe('90000.15');
    expect(report.byStage.find((s: { stage: string }) => s.stage === 'WON')).toEqual({ stage: 'WON', amount: '300000.30', signedAmount: '90000.15' });
    expect(report.byStage.find((s: { stage: string }) => s.stage === 'DRAFT').signedAmount).toBe('0.00');
  });
});
