import DataLoader from 'dataloader';
import type { Context } from '../../platform/context';
import { Page, PageArgs } from '../../platform/graphql/connection';
import { followThroughService } from './follow-through.service';
import { FollowUpEntity } from './follow-up.entity';
import { FollowUp } from './follow-up.types';

const argsKey = (args: PageArgs) => JSON.stringify([args.first ?? null, args.after ?? null, args.last ?? null, args.before ?? null]);

/** Per-request loaders of follow-ups; all go through the service, and so through the policy. */
export const followThroughLoaders = {
  followUp: (ctx: Context) =>
    ctx.loaders.get('followThrough.followUpById', () =>
      new DataLoader<string, FollowUp | null>(async (ids) => (await followThroughService.followUpsByIds(ctx, ids)).map((f) => (f ? FollowUp.from(f) : null))),
    ),

  followUpCount: (ctx: Context) => ctx.loaders.get('followThrough.followUpCount', () => new DataLoader<string, number>((ids) => followThroughService.followUpCounts(ctx, ids))),

  followUps: (ctx: Context, args: PageArgs) =>
    ctx.loaders.get(`followThrough.followUps:${argsKey(args)}`, () =>
      new DataLoader<string, Page<FollowUpEntity>>(async (ids) => {
        const pages = await followThroughService.followUpPages(ctx, ids, args, (id) => followThroughLoaders.followUpCount(ctx).load(id));
        return ids.map((id) => pages.get(id)!);
      }),
    ),
};
