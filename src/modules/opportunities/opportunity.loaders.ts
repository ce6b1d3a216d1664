import DataLoader from 'dataloader';
import type { Context } from '../../platform/context';
import { Page, PageArgs } from '../../platform/graphql/connection';
import { ApprovalStepEntity } from './approval-step.entity';
import { OpportunityEventEntity } from './opportunity-event.entity';
import { OpportunityEntity } from './opportunity.entity';
import { opportunityPolicy } from './opportunity.policy';
import { opportunityService } from './opportunity.service';
import { ApprovalDelegation, ApprovalStep, Opportunity, OpportunityEvent } from './opportunity.types';

const argsKey = (args: PageArgs) => JSON.stringify([args.first ?? null, args.after ?? null, args.last ?? null, args.before ?? null]);

/** Per-request loaders for opportunities; all go through the service, and so through the policy. */
export const opportunityLoaders = {
  opportunity: (ctx: Context) =>
    ctx.loaders.get('opportunities.byId', () => new DataLoader<string, Opportunity | null>(async (ids) => (await opportunityService.byIds(ctx, ids)).map((o) => (o ? Opportunity.from(o) : null)))),

  /** Steps in the scope of their opportunity, as opportunityPolicy.redact lets the viewer see them. */
  step: (ctx: Context) =>
    ctx.loaders.get(
      'opportunities.stepById',
      () =>
        new DataLoader<string, ApprovalStep | null>(async (ids) =>
          (await opportunityService.stepsByIds(ctx, ids)).map((s) => (s ? opportunityPolicy.redact(ctx.viewer).step(ApprovalStep.from(s)) : null)),
        ),
    ),

  event: (ctx: Context) =>
    ctx.loaders.get(
      'opportunities.eventById',
      () =>
        new DataLoader<string, OpportunityEvent | null>(async (ids) =>
          (await opportunityService.eventsByIds(ctx, ids)).map((e) => (e ? opportunityPolicy.redact(ctx.viewer).event(OpportunityEvent.from(e)) : null)),
        ),
    ),

  delegation: (ctx: Context) =>
    ctx.loaders.get(
      'opportunities.delegationById',
      () => new DataLoader<string, ApprovalDelegation | null>(async (ids) => (await opportunityService.delegationsByIds(ctx, ids)).map((d) => (d ? ApprovalDelegation.from(d) : null))),
    ),

  steps: (ctx: Context) => ctx.loaders.get('opportunities.steps', () => new DataLoader<string, ApprovalStepEntity[]>((ids) => opportunityService.stepsOf(ctx, ids))),

  currentStep: (ctx: Context) => ctx.loaders.get('opportunities.currentStep', () => new DataLoader<string, ApprovalStepEntity | null>((ids) => opportunityService.currentSteps(ctx, ids))),

  lastEvent: (ctx: Context) =>
    ctx.loaders.get(
      'opportunities.lastEvent',
      () =>
        new DataLoader<string, OpportunityEvent | null>(async (ids) =>
          (await opportunityService.lastEvents(ctx, ids)).map((e) => (e ? opportunityPolicy.redact(ctx.viewer).event(OpportunityEvent.from(e)) : null)),
        ),
    ),

  historyCount: (ctx: Context) => ctx.loaders.get('opportunities.historyCount', () => new DataLoader<string, number>((ids) => opportunityService.historyCounts(ctx, ids))),

  history: (ctx: Context, args: PageArgs) =>
    ctx.loaders.get(
      `opportunities.history:${argsKey(args)}`,
      () =>
        new DataLoader<string, Page<OpportunityEventEntity>>(async (ids) => {
          const pages = await opportunityService.historyPages(ctx, ids, args, (id) => opportunityLoaders.historyCount(ctx).load(id));
          return ids.map((id) => pages.get(id)!);
        }),
    ),

  possibleDuplicates: (ctx: Context) =>
    ctx.loaders.get(
      'opportunities.possibleDuplicates',
      () => new DataLoader<string, Opportunity[]>(async (ids) => (await opportunityService.possibleDuplicates(ctx, ids)).map((list) => list.map(Opportunity.from))),
    ),

  customerCount: (ctx: Context) => ctx.loaders.get('opportunities.customerCount', () => new DataLoader<string, number>((ids) => opportunityService.customerCounts(ctx, ids))),

  byCustomer: (ctx: Context, args: PageArgs) =>
    ctx.loaders.get(
      `opportunities.byCustomer:${argsKey(args)}`,
      () =>
        new DataLoader<string, Page<OpportunityEntity>>(async (ids) => {
          const pages = await opportunityService.customerPages(ctx, ids, args, (id) => opportunityLoaders.customerCount(ctx).load(id));
          return ids.map((id) => pages.get(id)!);
        }),
    ),

  customerSummary: (ctx: Context) =>
    ctx.loaders.get(
      'opportunities.customerSummary',
      () => new DataLoader<string, { id: string; code: string; name: string; regionId: string } | null>((ids) => opportunityService.customerSummaries(ctx, ids)),
    ),
};
