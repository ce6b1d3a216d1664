import { careDuePage } from '../../src/modules/contacts/care-due';
import { organisationService } from '../../src/modules/organisation/organisation.service';
import { Context, Loaders } from '../../src/platform/context';
import { fromGlobalId } from '../../src/platform/graphql/node-id';
import { mustCreateCustomer } from '../customers/builders';
import { startTestApp, TestApp } from '../support/harness';
import { mustCreateContact } from './builders';

/**
 * A 29 February birthday is reminded of on 29 February in leap years and on
 * 28 February in the others, and not at all while neither day is inside the
 * window: the walk of those birthdays runs only then. Both ways of building
 * the list (index walks for wide scopes, the scope's own rows for narrow
 * ones) must agree on it, at moments chosen around the day.
 */
let t: TestApp;
let ctx: Context;
let leapDay: string;
let spring: string;

beforeAll(async () => {
  t = await startTestApp();
  const customer = await mustCreateCustomer(t, 'xa-am1', { name: '闰日生日客户' });
  leapDay = fromGlobalId((await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '闰日', careLevel: 'KEY_PERSON', birthday: '1988-02-29' })).id)!.uuid;
  spring = fromGlobalId((await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '三月', careLevel: 'KEY_PERSON', birthday: '1990-03-03' })).id)!.uuid;
  const viewer = await organisationService.viewerFor(t.db, 'xa-am1');
  ctx = { requestId: 'test', viewer: viewer!, db: t.db, log: undefined as never, config: t.config, loaders: new Loaders() };
});
afterAll(() => t.close());

/** The contacts of the two above on the due list at `now`, by the index walks and by the scope's rows; they must agree. */
async function listed(now: string): Promise<string[]> {
  // Cared for the day before (next care due in 29 days): only their birthdays can bring them up.
  await t.db.query(`UPDATE contact SET last_cared_at = CAST($2 AS timestamptz) - interval '1 day' WHERE id = ANY($1)`, [[leapDay, spring], now]);
  const ours = (ids: string[]) => ids.filter((id) => id === leapDay || id === spring).map((id) => (id === leapDay ? 'leap-day' : 'spring'));
  const walked = ours((await careDuePage(ctx, now, 7, { first: 100 }, 0)).edges.map((e) => e.node.id));
  const scanned = ours((await careDuePage(ctx, now, 7, { first: 100 }, Number.MAX_SAFE_INTEGER)).edges.map((e) => e.node.id));
  expect(walked).toEqual(scanned);
  return walked;
}

describe('29 February birthdays on the due list', () => {
  it.each([
    ['a week before 29 February of a leap year', '2028-02-22T04:00:00Z', ['leap-day']],
    ['on 29 February', '2028-02-29T04:00:00Z', ['leap-day', 'spring']],
    ['seven days before 28 February of another year: the window ends on it', '2027-02-21T04:00:00Z', ['leap-day']],
    ['on 1 March of another year: the day has passed', '2027-03-01T04:00:00Z', ['spring']],
    ['in December, with neither day in the window', '2027-12-04T04:00:00Z', []],
  ])('%s', async (_when, now, expected) => {
    expect((await listed(now)).sort()).toEqual([...expected].sort());
  });
});
