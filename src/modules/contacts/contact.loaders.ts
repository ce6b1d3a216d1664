import DataLoader from 'dataloader';
import type { Context } from '../../platform/context';
import { Page, PageArgs } from '../../platform/graphql/connection';
import { CareActivityEntity } from './care-activity.entity';
import { CareDueReason } from './contact.enums';
import { ContactEntity } from './contact.entity';
import { CareFacts, contactService, CoverageRow } from './contact.service';
import { CareActivity, CarePolicy, Contact, ContactFilter } from './contact.types';

const argsKey = (args: PageArgs) => JSON.stringify([args.first ?? null, args.after ?? null, args.last ?? null, args.before ?? null]);

/** Per-request loaders for contacts and care; all go through the service, and so through the policy. */
export const contactLoaders = {
  contact: (ctx: Context) =>
    ctx.loaders.get('contacts.byId', () => new DataLoader<string, Contact | null>(async (ids) => (await contactService.byIds(ctx, ids)).map((c) => (c ? Contact.from(c) : null)))),

  facts: (ctx: Context) => ctx.loaders.get('contacts.facts', () => new DataLoader<string, CareFacts | null>((ids) => contactService.facts(ctx, ids))),

  dueReasons: (ctx: Context, withinDays: number) =>
    ctx.loaders.get(`contacts.dueReasons:${withinDays}`, () => new DataLoader<string, CareDueReason[]>((ids) => contactService.dueReasons(ctx, ids, withinDays))),

  directReports: (ctx: Context) =>
    ctx.loaders.get('contacts.directReports', () => new DataLoader<string, Contact[]>(async (ids) => (await contactService.directReports(ctx, ids)).map((list) => list.map(Contact.from)))),

  customerContactCount: (ctx: Context, filter: ContactFilter | null) =>
    ctx.loaders.get(`contacts.customerCount:${JSON.stringify(filter ?? null)}`, () => new DataLoader<string, number>((ids) => contactService.countsByCustomer(ctx, ids, filter))),

  customerContacts: (ctx: Context, filter: ContactFilter | null, args: PageArgs) =>
    ctx.loaders.get(
      `contacts.customerContacts:${JSON.stringify(filter ?? null)}:${argsKey(args)}`,
      () =>
        new DataLoader<string, Page<ContactEntity>>(async (ids) => {
          const pages = await contactService.pagesByCustomer(ctx, ids, filter, args, (id) => contactLoaders.customerContactCount(ctx, filter).load(id));
          return ids.map((id) => pages.get(id)!);
        }),
    ),

  coverage: (ctx: Context) => ctx.loaders.get('contacts.coverage', () => new DataLoader<string, CoverageRow[]>((ids) => contactService.coverage(ctx, ids))),

  activity: (ctx: Context) =>
    ctx.loaders.get(
      'contacts.activityById',
      () => new DataLoader<string, CareActivity | null>(async (ids) => (await contactService.activitiesByIds(ctx, ids)).map((a) => (a ? CareActivity.from(a) : null))),
    ),

  activityCount: (ctx: Context) => ctx.loaders.get('contacts.activityCount', () => new DataLoader<string, number>((ids) => contactService.activityCounts(ctx, ids))),

  activities: (ctx: Context, args: PageArgs) =>
    ctx.loaders.get(
      `contacts.activities:${argsKey(args)}`,
      () =>
        new DataLoader<string, Page<CareActivityEntity>>(async (ids) => {
          const pages = await contactService.activityPages(ctx, ids, args, (id) => contactLoaders.activityCount(ctx).load(id));
          return ids.map((id) => pages.get(id)!);
        }),
    ),

  policy: (ctx: Context) =>
    ctx.loaders.get('contacts.policyById', () => new DataLoader<string, CarePolicy | null>(async (ids) => (await contactService.policiesByIds(ctx, ids)).map((p) => (p ? CarePolicy.from(p) : null)))),
};
