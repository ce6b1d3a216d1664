import { SelectQueryBuilder } from 'typeorm';
import { Context, inTransaction } from '../../platform/context';
import { Page, PageArgs, paginate } from '../../platform/graphql/connection';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { byIds } from '../../platform/sql';
import { CareActivityKind } from '../contacts/contact.enums';
import { careRecords, contactFacts } from '../contacts/contact.sql';
import { customerSql } from '../customers/customer.sql';
import { fromFen, toFen } from '../opportunities/fen';
import { opportunityService } from '../opportunities/opportunity.service';
import { CustomerEventEntity } from './customer-event.entity';
import type { CustomerEventFilter, LinkEventOpportunitiesInput, RecordCustomerEventInput } from './customer-event.types';
import { servicePolicy } from './service.policy';

/*
 * 客户活动 — 开讲堂 / 走出去 / 请进来 (DOMAIN.md: Service quality): one
 * event records a care activity for every attending contact, all in one
 * transaction and a fixed number of statements however many attend; it
 * counts toward the service standards through those care activities.
 */

export const MAX_EVENT_CUSTOMERS = 20;
export const MAX_EVENT_ATTENDEES = 200;
export const MAX_LINKED_OPPORTUNITIES = 100;
/** How far ahead of the server's clock a client's "now" may be. */
const CLOCK_SKEW_MS = 5 * 60_000;

const NEWEST_FIRST = { expression: 'e.at', type: 'timestamptz' as const };

/** Events with at least one customer the viewer may read. */
function scoped(ctx: Context): SelectQueryBuilder<CustomerEventEntity> {
  const read = customerSql.exists('ec.customer_id', 'ec_c', servicePolicy.read('ec_c', ctx.viewer));
  return ctx.db.getRepository(CustomerEventEntity).createQueryBuilder('e').where(`EXISTS (SELECT 1 FROM customer_event_customer ec WHERE ec.event_id = e.id AND ${read.sql})`, read.params);
}

/** The total split into `n` shares in fen, the first ones a fen more when it does not divide. */
export function shares(total: string, n: number): string[] {
  const fen = toFen(total);
  const each = fen / BigInt(n);
  const rest = Number(fen % BigInt(n));
  return Array.from({ length: n }, (_, i) => fromFen(each + (i < rest ? 1n : 0n)));
}

function distinctIds(ids: string[], type: string, field: string, max: number, errors: UserErrorValue[]): string[] {
  const uuids = [...new Set(ids.map((id) => uuidOf(id, type)))];
  if (uuids.some((id) => id == null)) errors.push(userError(UserErrorCode.VALIDATION, `Every ${field} entry must be a ${type} id`, field));
  if (ids.length === 0 || ids.length > max) errors.push(userError(UserErrorCode.VALIDATION, `${field} must hold 1–${max} ids`, field));
  return uuids.filter((id): id is string => id != null);
}

export const customerEvents = {
  /** 开讲堂 / 走出去 / 请进来 with its customers and attendees: one care activity per attendee, all or nothing. */
  async record(ctx: Context, input: RecordCustomerEventInput): Promise<Result<{ event: CustomerEventEntity; careActivityIds: string[] }>> {
    const errors = await validateInput(input);
    const customerIds = distinctIds(input.customerIds, 'GroupCustomer', 'customerIds', MAX_EVENT_CUSTOMERS, errors);
    const attendeeIds = distinctIds(input.attendeeIds, 'Contact', 'attendeeIds', MAX_EVENT_ATTENDEES, errors);
    const opportunityIds = input.opportunityIds?.length ? distinctIds(input.opportunityIds, 'Opportunity', 'opportunityIds', MAX_LINKED_OPPORTUNITIES, errors) : [];
    if (input.at.getTime() > Date.now() + CLOCK_SKEW_MS) errors.push(userError(UserErrorCode.VALIDATION, 'An event is recorded once it has happened: `at` must not be in the future', 'at'));
    const cost = input.cost ?? '0.00';
    if (cost.startsWith('-')) errors.push(userError(UserErrorCode.VALIDATION, 'cost must not be negative', 'cost'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const read = servicePolicy.read('c', ctx.viewer);
      const write = servicePolicy.recordCare('c', ctx.viewer);
      const [sql, params] = tx.connection.driver.escapeQueryWithParameters(customerSql.select('c', `c.id, (${read.sql}) AS readable, (${write.sql}) AS writable`, 'c.id IN (:...eventCustomers)'), {
        ...read.params,
        ...write.params,
        eventCustomers: customerIds,
      });
      const found: { id: string; readable: boolean; writable: boolean }[] = await tx.query(sql, params);
      if (found.length < customerIds.length || found.some((c) => !c.readable)) return fail(UserErrorCode.NOT_FOUND, 'Customer not found', 'customerIds');
      if (found.some((c) => !c.writable)) throw forbidden('Events record care: you must keep every customer’s contacts');
      const contacts = await contactFacts.ofIds(tx, attendeeIds);
      if (contacts.length < attendeeIds.length || contacts.some((c) => !customerIds.includes(c.customerId))) {
        return fail(UserErrorCode.VALIDATION, 'Every attendee must be a contact of one of the event’s customers', 'attendeeIds');
      }
      const linked = opportunityIds.length ? await opportunityService.byIds(ctx, opportunityIds) : [];
      if (linked.some((o) => !o || !customerIds.includes(o.customerId)))
        return fail(UserErrorCode.VALIDATION, 'Every opportunity must be one of the event’s customers’ you may read', 'opportunityIds');
      const note = input.note?.trim() || null;
      const [event] = await tx.query(`INSERT INTO customer_event (kind, at, note, cost, recorded_by_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        input.kind,
        input.at,
        note,
        cost,
        ctx.viewer.staffId,
      ]);
      await tx.query(`INSERT INTO customer_event_customer (event_id, customer_id) SELECT $1, unnest($2::uuid[])`, [event.id, customerIds]);
      const costs = shares(cost, attendeeIds.length);
      const activities = await careRecords.insertMany(
        tx,
        attendeeIds.map((contactId, i) => ({ contactId, kind: input.kind as unknown as CareActivityKind, occurredAt: input.at, note, cost: costs[i], recordedById: ctx.viewer.staffId })),
      );
      await tx.query(`INSERT INTO customer_event_attendee (event_id, contact_id, care_activity_id) SELECT $1, unnest($2::uuid[]), unnest($3::uuid[])`, [
        event.id,
        activities.map((a) => a.contactId),
        activities.map((a) => a.id),
      ]);
      if (opportunityIds.length) {
        await tx.query(`INSERT INTO customer_event_opportunity (event_id, opportunity_id, linked_by_id) SELECT $1, unnest($2::uuid[]), $3`, [event.id, opportunityIds, ctx.viewer.staffId]);
      }
      return ok({ event: await tx.getRepository(CustomerEventEntity).findOneByOrFail({ id: event.id }), careActivityIds: activities.map((a) => a.id) });
    });
  },

  /** Links an event to opportunities it produced: opportunities of its customers the viewer may read; linking twice changes nothing. */
  async linkOpportunities(ctx: Context, input: LinkEventOpportunitiesInput): Promise<Result<CustomerEventEntity>> {
    const errors: UserErrorValue[] = [];
    const opportunityIds = distinctIds(input.opportunityIds, 'Opportunity', 'opportunityIds', MAX_LINKED_OPPORTUNITIES, errors);
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const eventId = uuidOf(input.eventId, 'CustomerEvent');
      const [event] = eventId ? await scoped(ctx).andWhere('e.id = :eventId', { eventId }).getMany() : [];
      if (!event) return fail(UserErrorCode.NOT_FOUND, 'Event not found', 'eventId');
      const write = customerSql.exists('ec.customer_id', 'ec_c', servicePolicy.recordCare('ec_c', ctx.viewer));
      const [links] = await tx.query(
        ...tx.connection.driver.escapeQueryWithParameters(
          `SELECT array_agg(ec.customer_id) AS customers, bool_or(${write.sql}) AS writable FROM customer_event_customer ec WHERE ec.event_id = :linkEvent`,
          { ...write.params, linkEvent: event.id },
        ),
      );
      if (!links.writable) throw forbidden('Only those who keep the event’s customers link it to opportunities');
      const customers: string[] = links.customers;
      const found = await opportunityService.byIds(ctx, opportunityIds);
      if (found.some((o) => !o || !customers.includes(o.customerId))) return fail(UserErrorCode.VALIDATION, 'Every opportunity must be one of the event’s customers’ you may read', 'opportunityIds');
      await tx.query(`INSERT INTO customer_event_opportunity (event_id, opportunity_id, linked_by_id) SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`, [
        event.id,
        opportunityIds,
        ctx.viewer.staffId,
      ]);
      return ok(event);
    });
  },

  async byIds(ctx: Context, ids: readonly string[]): Promise<(CustomerEventEntity | null)[]> {
    return byIds(
      await scoped(ctx)
        .andWhere('e.id IN (:...ids)', { ids: [...ids] })
        .getMany(),
      ids,
    );
  },

  list(ctx: Context, filter: CustomerEventFilter | null | undefined, args: PageArgs): Promise<Page<CustomerEventEntity>> {
    const query = scoped(ctx);
    if (filter?.customerId != null) {
      query.andWhere('EXISTS (SELECT 1 FROM customer_event_customer fc WHERE fc.event_id = e.id AND fc.customer_id = :filterCustomer)', {
        filterCustomer: uuidOf(filter.customerId, 'GroupCustomer') ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    if (filter?.kinds?.length) query.andWhere('e.kind IN (:...filterKinds)', { filterKinds: filter.kinds });
    if (filter?.from) query.andWhere('e.at >= :filterFrom', { filterFrom: filter.from });
    if (filter?.to) query.andWhere('e.at < :filterTo', { filterTo: filter.to });
    return paginate(query, { args, sort: NEWEST_FIRST, direction: 'DESC', idExpression: 'e.id', map: (row) => row });
  },

  /** Each event's customers, attendees and opportunities (ids; the loaders of their modules apply scope), one statement for the batch. */
  async links(ctx: Context, eventIds: readonly string[]): Promise<{ customerIds: string[]; contactIds: string[]; opportunityIds: string[] }[]> {
    const rows: { id: string; customers: string[] | null; contacts: string[] | null; opportunities: string[] | null }[] = await ctx.db.query(
      `SELECT e.id::text AS id,
         (SELECT array_agg(ec.customer_id::text ORDER BY ec.customer_id) FROM customer_event_customer ec WHERE ec.event_id = e.id) AS customers,
         (SELECT array_agg(ea.contact_id::text ORDER BY ea.contact_id) FROM customer_event_attendee ea WHERE ea.event_id = e.id) AS contacts,
         (SELECT array_agg(eo.opportunity_id::text ORDER BY eo.linked_at, eo.opportunity_id) FROM customer_event_opportunity eo WHERE eo.event_id = e.id) AS opportunities
       FROM customer_event e WHERE e.id = ANY($1::uuid[])`,
      [[...eventIds]],
    );
    const byId = new Map(rows.map((r) => [r.id, { customerIds: r.customers ?? [], contactIds: r.contacts ?? [], opportunityIds: r.opportunities ?? [] }]));
    return eventIds.map((id) => byId.get(id) ?? { customerIds: [], contactIds: [], opportunityIds: [] });
  },
};
