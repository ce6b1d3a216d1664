import DataLoader from 'dataloader';
import type { Context } from '../../platform/context';
import { Page, PageArgs } from '../../platform/graphql/connection';
import { complaintQueries } from './complaint-queries';
import { ComplaintEntity } from './complaint.entity';
import { Complaint, ComplaintHistoryEntry } from './complaint.types';

const argsKey = (args: PageArgs) => JSON.stringify([args.first ?? null, args.after ?? null, args.last ?? null, args.before ?? null]);

/** Per-request loaders for complaints; all go through complaint-queries.ts, and so through the policy. */
export const complaintLoaders = {
  complaint: (ctx: Context) =>
    ctx.loaders.get('service.complaintById', () => new DataLoader<string, Complaint | null>(async (ids) => (await complaintQueries.byIds(ctx, ids)).map((c) => (c ? Complaint.from(c) : null)))),

  history: (ctx: Context) =>
    ctx.loaders.get(
      'service.complaintHistory',
      () => new DataLoader<string, ComplaintHistoryEntry[]>(async (ids) => (await complaintQueries.histories(ctx, ids)).map((list) => list.map(ComplaintHistoryEntry.from))),
    ),

  customerCount: (ctx: Context) => ctx.loaders.get('service.customerComplaintCount', () => new DataLoader<string, number>((ids) => complaintQueries.customerCounts(ctx, ids))),

  customerComplaints: (ctx: Context, args: PageArgs) =>
    ctx.loaders.get(
      `service.customerComplaints:${argsKey(args)}`,
      () =>
        new DataLoader<string, Page<ComplaintEntity>>(async (ids) => {
          const pages = await complaintQueries.customerPages(ctx, ids, args, (id) => complaintLoaders.customerCount(ctx).load(id));
          return ids.map((id) => pages.get(id)!);
        }),
    ),
};
