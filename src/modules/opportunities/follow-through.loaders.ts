import DataLoader from 'dataloader';
import type { Context } from '../../platform/context';
import { Page, PageArgs } from '../../platform/graphql/connection';
import { followThroughService } from './follow-through.service';
import { FollowUpEntity } from './follow-up.entity';
import { FollowUp } from './follow-up.types';
import { IncentiveEntity } from './incentive.entity';
import { Incentive } from './incentive.types';

const argsKey = (args: PageArgs) => JSON.stringify([args.first ?? null, args.after ?? null, args.last ?? null, args.before ?? null]);

/** Per-request loaders of follow-ups and incentive applications; all go through the service, and so through the policy. */
export const followThroughLoaders = {
  followUp: (ctx: Context) =>
    ctx.loaders.get(
      'followThrough.followUpById',
      () => new DataLoader<string, FollowUp | null>(async (ids) => (await followThroughService.followUpsByIds(ctx, ids)).map((f) => (f ? FollowUp.from(f) : null))),
    ),

  followUpCount: (ctx: Context) => ctx.loaders.get('followThrough.followUpCount', () => new DataLoader<string, number>((ids) => followThroughService.followUpCounts(ctx, ids))),

  followUps: (ctx: Context, args: PageArgs) =>
    ctx.loaders.get(
      `followThrough.followUps:${argsKey(args)}`,
      () =>
        new DataLoader<string, Page<FollowUpEntity>>(async (ids) => {
          const pages = await followThroughService.followUpPages(ctx, ids, args, (id) => followThroughLoaders.followUpCount(ctx).load(id));
          return ids.map((id) => pages.get(id)!);
        }),
    ),

  incentive: (ctx: Context) =>
    ctx.loaders.get(
      'followThrough.incentiveById',
      () => new DataLoader<string, Incentive | null>(async (ids) => (await followThroughService.incentivesByIds(ctx, ids)).map((i) => (i ? Incentive.from(i) : null))),
    ),

  latestIncentive: (ctx: Context) => ctx.loaders.get('followThrough.latestIncentive', () => new DataLoader<string, IncentiveEntity | null>((ids) => followThroughService.latestIncentives(ctx, ids))),
};
