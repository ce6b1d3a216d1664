import { mustCreateCustomer } from '../customers/builders';
import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { DAY, freezeClock, mustCreateContact, mustRecordCare, SET_POLICY } from './builders';

let t: TestApp;
let now: Date;
beforeAll(async () => {
  t = await startTestApp();
  // Care status is read at this instant throughout the file; whole seconds keep the ISO strings exact.
  now = freezeClock(new Date(Math.floor(Date.now() / 1000) * 1000));
});
afterAll(async () => {
  jest.useRealTimers();
  await t.close();
});

const SECOND = 1000;
const at = (offset: number) => new Date(now.getTime() + offset).toISOString();
const CARE = `query($id: ID!) { node(id: $id) { ... on Contact { careStatus lastCaredAt nextCareDueAt } } }`;
const careOf = async (id: string) => dataOf(await t.gql('admin', CARE, { id })).node;

/** A KEY_PERSON (30-day interval, 7 days due-soon by default) last cared for at `caredAt`, or never. */
async function keyPerson(customerId: string, name: string, caredAt?: string, extra: Record<string, unknown> = {}, as = 'xa-am1') {
  const contact = await mustCreateContact(t, as, { customerId, name, careLevel: 'KEY_PERSON', ...extra });
  if (caredAt) await mustRecordCare(t, as, { contactId: contact.id, occurredAt: caredAt });
  return contact;
}

/** Today where the customers are (Asia/Shanghai), moved by `days`, as MM-DD; pair it with a leap year so 29 February works. */
function shanghaiMonthDay(days: number): string {
  const date = new Date(now.getTime() + days * DAY);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit' }).format(date);
}

describe('care status at the edges of the interval', () => {
  let customerId: string;
  beforeAll(async () => {
    customerId = (await mustCreateCustomer(t, 'xa-am1', { name: '状态测试客户' })).id;
  });

  it('a contact never cared for is OVERDUE', async () => {
    const contact = await keyPerson(customerId, '从未关怀');
    expect(await careOf(contact.id)).toMatchObject({ careStatus: 'OVERDUE', lastCaredAt: null });
  });

  it('exactly at the interval the care is due, not yet overdue', async () => {
    const contact = await keyPerson(customerId, '刚好到期', at(-30 * DAY));
    expect(await careOf(contact.id)).toEqual({ careStatus: 'DUE_SOON', lastCaredAt: at(-30 * DAY), nextCareDueAt: at(0) });
  });

  it('one second before the due moment it is DUE_SOON, one second after it is OVERDUE', async () => {
    const before = await keyPerson(customerId, '差一秒', at(-30 * DAY + SECOND));
    const after = await keyPerson(customerId, '过一秒', at(-30 * DAY - SECOND));
    expect(await careOf(before.id)).toEqual({ careStatus: 'DUE_SOON', lastCaredAt: at(-30 * DAY + SECOND), nextCareDueAt: at(SECOND) });
    expect(await careOf(after.id)).toEqual({ careStatus: 'OVERDUE', lastCaredAt: at(-30 * DAY - SECOND), nextCareDueAt: at(-SECOND) });
  });

  it('due exactly 7 days ahead is DUE_SOON; a second further is ON_TRACK', async () => {
    const edge = await keyPerson(customerId, '七天整', at(-23 * DAY));
    const beyond = await keyPerson(customerId, '七天多一秒', at(-23 * DAY + SECOND));
    expect((await careOf(edge.id)).careStatus).toBe('DUE_SOON');
    expect((await careOf(beyond.id)).careStatus).toBe('ON_TRACK');
  });

  it('the newest activity counts, whatever order they were recorded in', async () => {
    const contact = await keyPerson(customerId, '多次关怀', at(-2 * DAY));
    await mustRecordCare(t, 'xa-am1', { contactId: contact.id, occurredAt: at(-60 * DAY) });
    expect(await careOf(contact.id)).toEqual({ careStatus: 'ON_TRACK', lastCaredAt: at(-2 * DAY), nextCareDueAt: at(28 * DAY) });
  });

  it('each level has its own interval: a liaison is due after 14 days, other staff after 90', async () => {
    const liaison = await mustCreateContact(t, 'xa-am1', { customerId, name: '联络人', careLevel: 'LIAISON' });
    await mustRecordCare(t, 'xa-am1', { contactId: liaison.id, occurredAt: at(-15 * DAY) });
    const other = await mustCreateContact(t, 'xa-am1', { customerId, name: '其他人员', careLevel: 'OTHER' });
    await mustRecordCare(t, 'xa-am1', { contactId: other.id, occurredAt: at(-15 * DAY) });
    expect(await careOf(liaison.id)).toMatchObject({ careStatus: 'OVERDUE', nextCareDueAt: at(-DAY) });
    expect(await careOf(other.id)).toMatchObject({ careStatus: 'ON_TRACK', nextCareDueAt: at(75 * DAY) });
  });

  it('contacts filter by care status and level', async () => {
    const overdue = dataOf(
      await t.gql('xa-am1', `query($c: ID!) { contacts(first: 50, filter: { customerId: $c, careStatuses: [OVERDUE], careLevels: [KEY_PERSON] }) { nodes { name } } }`, { c: customerId }),
    );
    expect(overdue.contacts.nodes.map((n: { name: string }) => n.name).sort()).toEqual(['从未关怀', '过一秒'].sort());
  });
});

describe('care policies', () => {
  it('start at the DOMAIN.md defaults', async () => {
    const policies = dataOf(await t.gql('xa-am1', `{ carePolicies { careLevel intervalDays birthdayWindowDays dueSoonDays } }`)).carePolicies;
    expect(policies).toEqual([
      { careLevel: 'MANAGEMENT', intervalDays: 30, birthdayWindowDays: 7, dueSoonDays: 7 },
      { careLevel: 'KEY_PERSON', intervalDays: 30, birthdayWindowDays: 7, dueSoonDays: 7 },
      { careLevel: 'LIAISON', intervalDays: 14, birthdayWindowDays: 7, dueSoonDays: 7 },
      { careLevel: 'OTHER', intervalDays: 90, birthdayWindowDays: 7, dueSoonDays: 7 },
    ]);
    expect(dataOf(await t.gql('p-huaxin', `{ carePolicies { careLevel } }`)).carePolicies).toEqual([]);
  });

  it('a change applies to every contact of the level at once, and changing it back restores them', async () => {
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '策略测试客户' });
    const late = await keyPerson(customer.id, '晚了一天', at(-31 * DAY));
    const fine = await keyPerson(customer.id, '正常', at(-10 * DAY));
    const liaison = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '联络人', careLevel: 'LIAISON' });
    await mustRecordCare(t, 'xa-am1', { contactId: liaison.id, occurredAt: at(-31 * DAY) });

    const longer = dataOf(await t.gql('admin', SET_POLICY, { input: { careLevel: 'KEY_PERSON', intervalDays: 45 } })).setCarePolicy;
    expect(longer).toEqual({
      carePolicy: { careLevel: 'KEY_PERSON', intervalDays: 45, birthdayWindowDays: 7, dueSoonDays: 7, updatedBy: { employeeNo: 'admin' } },
      userErrors: [],
    });
    expect(await careOf(late.id)).toMatchObject({ careStatus: 'ON_TRACK', nextCareDueAt: at(14 * DAY) });
    expect((await careOf(liaison.id)).careStatus).toBe('OVERDUE');

    dataOf(await t.gql('admin', SET_POLICY, { input: { careLevel: 'KEY_PERSON', intervalDays: 10, dueSoonDays: 0 } }));
    expect((await careOf(fine.id)).careStatus).toBe('DUE_SOON');
    expect(await careOf(fine.id)).toMatchObject({ nextCareDueAt: at(0) });

    dataOf(await t.gql('admin', SET_POLICY, { input: { careLevel: 'KEY_PERSON', intervalDays: 30, dueSoonDays: 7 } }));
    expect((await careOf(late.id)).careStatus).toBe('OVERDUE');
    expect((await careOf(fine.id)).careStatus).toBe('ON_TRACK');
  });

  it('only an admin may change them, and only to sensible numbers', async () => {
    for (const who of ['sx-leader', 'xa-am1', 'p-huaxin']) {
      expect(errorCodes(await t.gql(who, SET_POLICY, { input: { careLevel: 'OTHER', intervalDays: 60 } }))).toEqual(['FORBIDDEN']);
    }
    const zero = dataOf(await t.gql('admin', SET_POLICY, { input: { careLevel: 'OTHER', intervalDays: 0, birthdayWindowDays: -1 } })).setCarePolicy;
    expectUserError(zero, 'VALIDATION', 'intervalDays');
    expectUserError(zero, 'VALIDATION', 'birthdayWindowDays');
    const [{ interval_days }] = await t.db.query(`SELECT interval_days FROM care_policy WHERE care_level = 'OTHER'`);
    expect(interval_days).toBe(90);
  });
});

describe('the due list 关怀提醒', () => {
  // xa-am3 manages only the customers made here, so the list holds exactly these contacts.
  const names = (page: { nodes: { name: string }[] }) => page.nodes.map((n) => n.name);
  const DUE = `query($within: Int, $first: Int, $after: String) { careDue(withinDays: $within, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name careDueReasons(withinDays: $within) } } }`;

  beforeAll(async () => {
    const customer = await mustCreateCustomer(t, 'xa-am3', { name: '提醒测试客户' });
    await keyPerson(customer.id, '逾期且生日', at(-40 * DAY), { birthday: `1980-${shanghaiMonthDay(1)}` }, 'xa-am3');
    await keyPerson(customer.id, '逾期五天', at(-35 * DAY), {}, 'xa-am3');
    await keyPerson(customer.id, '从未关怀', undefined, {}, 'xa-am3');
    await keyPerson(customer.id, '三天后到期', at(-27 * DAY), {}, 'xa-am3');
    await keyPerson(customer.id, '十天后到期', at(-20 * DAY), {}, 'xa-am3');
    await keyPerson(customer.id, '三天后生日', at(-DAY), { birthday: `1984-${shanghaiMonthDay(3)}` }, 'xa-am3');
    await keyPerson(customer.id, '二十天后生日', at(-DAY), { birthday: `1988-${shanghaiMonthDay(20)}` }, 'xa-am3');
  });

  it('lists overdue, due-soon and birthday contacts once each, most urgent first, with their reasons', async () => {
    const list = dataOf(await t.gql('xa-am3', DUE, { within: 7, first: 10 })).careDue;
    expect(list.totalCount).toBe(5);
    expect(list.nodes).toEqual([
      { name: '逾期且生日', careDueReasons: ['OVERDUE', 'BIRTHDAY'] },
      { name: '逾期五天', careDueReasons: ['OVERDUE'] },
      { name: '从未关怀', careDueReasons: ['OVERDUE'] },
      { name: '三天后生日', careDueReasons: ['BIRTHDAY'] },
      { name: '三天后到期', careDueReasons: ['DUE_SOON'] },
    ]);
  });

  it('pages through the same order without repeating a contact that has several reasons', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { name: string }[] } = dataOf(await t.gql('xa-am3', DUE, { within: 7, first: 2, after })).careDue;
      seen.push(...names(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(['逾期且生日', '逾期五天', '从未关怀', '三天后生日', '三天后到期']);
  });

  it('a wider window takes in care falling due later', async () => {
    const list = dataOf(await t.gql('xa-am3', DUE, { within: 14, first: 10 })).careDue;
    expect(names(list)).toEqual(['逾期且生日', '逾期五天', '从未关怀', '三天后生日', '三天后到期', '十天后到期']);
    expect(list.nodes[5].careDueReasons).toEqual(['DUE_SOON']);
  });

  it('the birthday window comes from the policy', async () => {
    dataOf(await t.gql('admin', SET_POLICY, { input: { careLevel: 'KEY_PERSON', birthdayWindowDays: 30 } }));
    try {
      const list = dataOf(await t.gql('xa-am3', DUE, { within: 7, first: 10 })).careDue;
      expect(names(list)).toContain('二十天后生日');
    } finally {
      dataOf(await t.gql('admin', SET_POLICY, { input: { careLevel: 'KEY_PERSON', birthdayWindowDays: 7 } }));
    }
  });

  it('refuses a window outside 0–365 days', async () => {
    expect(errorCodes(await t.gql('xa-am3', DUE, { within: -1 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql('xa-am3', DUE, { within: 366 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('birthdays are calendar days: 29 February falls on 28 February in other years', async () => {
    const next = async (birthday: string, today: string) => (await t.db.query(`SELECT crm_next_birthday($1, $2)::text AS d`, [birthday, today]))[0].d;
    expect(await next('2000-02-29', '2027-02-01')).toBe('2027-02-28');
    expect(await next('2000-02-29', '2028-02-01')).toBe('2028-02-29');
    expect(await next('1980-05-01', '2026-05-01')).toBe('2026-05-01');
    expect(await next('1980-05-01', '2026-05-02')).toBe('2027-05-01');
    expect(await next('1980-12-31', '2026-12-31')).toBe('2026-12-31');
  });

  it('finds the next birthday as the calendar does, on every day of a leap year and the years around it', async () => {
    const anniversary = (birthday: string, year: number) => {
      const [, month, day] = birthday.split('-').map(Number);
      const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
      return `${year}-${String(month).padStart(2, '0')}-${String(month === 2 && day === 29 && !leap ? 28 : day).padStart(2, '0')}`;
    };
    const expected = (birthday: string, today: string) => {
      if (birthday >= today) return birthday;
      const year = Number(today.slice(0, 4));
      const thisYear = anniversary(birthday, year);
      return thisYear >= today ? thisYear : anniversary(birthday, year + 1);
    };
    const birthdays = ['2000-02-29', '1996-02-28', '1999-03-01', '1980-12-31', '1985-01-01', '1990-07-15', '2028-06-01'];
    const rows: { b: string; t: string; d: string }[] = await t.db.query(
      `SELECT b::text AS b, t::date::text AS t, crm_next_birthday(b, t::date)::text AS d
       FROM unnest($1::date[]) b, generate_series(DATE '2027-01-01', DATE '2029-12-31', interval '1 day') t`,
      [birthdays],
    );
    expect(rows).toHaveLength(birthdays.length * 1096);
    expect(rows.filter((r) => r.d !== expected(r.b, r.t))).toEqual([]);
  });
});

describe('care coverage of a customer', () => {
  it('counts contacts and ON_TRACK contacts per level', async () => {
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '覆盖测试客户' });
    await mustRecordCare(t, 'xa-am1', {
      contactId: (await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '甲', careLevel: 'MANAGEMENT' })).id,
      occurredAt: at(-DAY),
    });
    await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '乙', careLevel: 'MANAGEMENT' });
    await keyPerson(customer.id, '丙', at(-3 * DAY));
    const coverage = dataOf(await t.gql('xa-leader', `query($id: ID!) { groupCustomer(id: $id) { careCoverage { careLevel contacts onTrack } } }`, { id: customer.id })).groupCustomer.careCoverage;
    expect(coverage).toEqual([
      { careLevel: 'MANAGEMENT', contacts: 2, onTrack: 1 },
      { careLevel: 'KEY_PERSON', contacts: 1, onTrack: 1 },
      { careLevel: 'LIAISON', contacts: 0, onTrack: 0 },
      { careLevel: 'OTHER', contacts: 0, onTrack: 0 },
    ]);
  });
});
