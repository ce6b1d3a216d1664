import { registerEnumType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { LiveEvent, publish } from '../../platform/live/events';
import type { ScheduledCheck } from '../../platform/live/scheduler';

/*
 * What the contacts module announces to subscribers of careDueChanged
 * (docs/subscriptions.md): a contact added (never cared for, so due at once),
 * cared for, or — found by the scheduled check — come due soon or overdue.
 * Whom each reaches is decided at delivery, as each subscriber
 * (contact-live.resolver.ts).
 */

export enum CareDueChange {
  ADDED = 'ADDED',
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
  CARED_FOR = 'CARED_FOR',
}

registerEnumType(CareDueChange, {
  name: 'CareDueChange',
  description: 'Why a contact moved on or off the care-due list 关怀提醒.',
  valuesConfig: {
    ADDED: { description: 'A new contact: never cared for, so due at once.' },
    DUE_SOON: { description: 'Care falls due within its policy’s due-soon days from now on.' },
    OVERDUE: { description: 'Its care due moment has passed.' },
    CARED_FOR: { description: 'A care activity was recorded: its next due moment moved on.' },
  },
});

export const CARE_TOPIC = 'care';

export const careEvent = (kind: CareDueChange, contactId: string): LiveEvent => ({ topic: CARE_TOPIC, kind, id: contactId });

/**
 * seed 003: "the system timer reminds". Announces the contacts whose due
 * moment, or the start of its due-soon window, passed since the last check;
 * then moves the mark to now, in the same transaction. Never-cared-for
 * contacts are announced when added (ADDED), not here. A due moment moved
 * into the past at once (a shorter policy interval, a care record removed)
 * is not announced.
 */
export const careDueCheck: ScheduledCheck = {
  name: 'care falling due',
  async run(tx: EntityManager): Promise<number> {
    // Each policy's due-soon window is a range of ix_contact_next_care_due (OFFSET 0 keeps the planner from joining every contact to
    // the policies instead: at 1,000,000 contacts that was a second of PostgreSQL on every round).
    const rows: { id: string; kind: CareDueChange }[] = await tx.query(
      `WITH w AS (SELECT checked_until AS since, now() AS until FROM care_due_check WHERE id = 1 FOR UPDATE)
       SELECT ct.id, 'OVERDUE' AS kind FROM w, contact ct
        WHERE ct.last_cared_at IS NOT NULL AND ct.next_care_due_at > w.since AND ct.next_care_due_at <= w.until
       UNION ALL
       SELECT ct.id, 'DUE_SOON' FROM w CROSS JOIN care_policy p
        CROSS JOIN LATERAL (
          SELECT ct.id FROM contact ct
           WHERE ct.next_care_due_at > w.since + make_interval(days => p.due_soon_days) AND ct.next_care_due_at <= w.until + make_interval(days => p.due_soon_days)
             AND ct.care_level = p.care_level AND ct.last_cared_at IS NOT NULL
          OFFSET 0) ct
        WHERE p.due_soon_days > 0`,
    );
    await tx.query(`UPDATE care_due_check SET checked_until = now() WHERE id = 1`);
    await publish(tx, ...rows.map((row) => careEvent(row.kind, row.id)));
    return rows.length;
  },
};
