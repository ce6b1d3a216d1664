import { createLogger } from '../../src/platform/logger';
import { currentPeriod } from '../../src/modules/service/service-period';
import { demoSeedSteps } from '../../src/seed';
import { runSeedSteps } from '../../src/seed/runner';
import { dataOf, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await runSeedSteps(t.db, demoSeedSteps, createLogger('silent'));
});
afterAll(() => t.close());

describe('the demo service quality data', () => {
  it('has complaints in every state, some overdue in the city leaders’ queues, one reopened', async () => {
    const states = await t.db.query(`SELECT state::text, count(*)::int AS n FROM complaint GROUP BY 1 ORDER BY 1`);
    expect(states.map((s: { state: string }) => s.state)).toEqual(['CLOSED', 'IN_PROGRESS', 'OPEN', 'REOPENED', 'RESOLVED']);
    const queue = dataOf(await t.gql('xa-leader', `{ overdueComplaints(first: 20) { nodes { code state overdue customer { name } firstResponder { name } } } }`)).overdueComplaints.nodes;
    expect(queue.length).toBeGreaterThanOrEqual(2);
    expect(queue.every((c: { overdue: boolean }) => c.overdue)).toBe(true);
    const { year, quarter } = currentPeriod(new Date());
    const mine = dataOf(
      await t.gql('xa-am1', `query($p: ServicePeriodInput!) { myComplaints(first: 10, filter: { overdue: true }) { nodes { code customer { serviceCompliance(period: $p) { owed } } } } }`, {
        p: { year, quarter },
      }),
    ).myComplaints.nodes;
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const reopened = dataOf(await t.gql('admin', `{ complaints(first: 5, filter: { states: [REOPENED] }) { nodes { reopenedCount callbackSatisfaction history { action } } } }`)).complaints.nodes;
    expect(reopened[0]).toMatchObject({ reopenedCount: 1, callbackSatisfaction: 2 });
    expect(reopened[0].history.map((h: { action: string }) => h.action)).toEqual(['RECORD', 'START', 'RESOLVE', 'REOPEN']);
  });

  it('is written as the service writes it: every history ends in its complaint’s state, deadlines from the rules', async () => {
    const wrong = await t.db.query(`SELECT cp.code FROM complaint cp WHERE cp.state <> (SELECT e.to_state FROM complaint_event e WHERE e.complaint_id = cp.id ORDER BY e.at DESC LIMIT 1)
      OR cp.version <> (SELECT count(*) FROM complaint_event e WHERE e.complaint_id = cp.id)`);
    expect(wrong).toEqual([]);
  });

  it('has standards for every grade, events with attendees whose care was recorded, and a satisfaction round', async () => {
    const grades = dataOf(await t.gql('admin', `{ serviceStandards { grade } }`)).serviceStandards.map((s: { grade: string }) => s.grade);
    expect([...new Set(grades)]).toEqual(['A1', 'A2', 'B1', 'B2', 'C', 'D']);
    const events = dataOf(await t.gql('admin', `{ customerEvents(first: 10) { nodes { kind attendeeCount customers { nodes { name } } } } }`)).customerEvents.nodes;
    expect(events.map((e: { kind: string }) => e.kind).sort()).toEqual(['EXPERIENCE', 'ONSITE', 'TRAINING']);
    expect(events.every((e: { attendeeCount: number }) => e.attendeeCount > 0)).toBe(true);
    const [{ missing }] = await t.db.query(`SELECT count(*)::int AS missing FROM customer_event_attendee ea JOIN care_activity a ON a.id = ea.care_activity_id WHERE a.contact_id <> ea.contact_id`);
    expect(missing).toBe(0);
    const [{ surveyed }] = await t.db.query(`SELECT count(*)::int AS surveyed FROM satisfaction_survey`);
    expect(surveyed).toBeGreaterThan(10);
  });
});
