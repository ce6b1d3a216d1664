import DataLoader from 'dataloader';
import type { Context } from '../../platform/context';
import type { RiskRow } from './retention-engine';
import { retentionCases } from './retention-cases';
import type { RetentionActionEntity } from './retention-action.entity';
import { RetentionCase } from './retention.types';
import { riskQueries } from './risk-queries';

/** Per-request loaders of the retention module; each goes through the policy in its one statement. */
export const retentionLoaders = {
  risk: (ctx: Context) => ctx.loaders.get('retention.risk', () => new DataLoader<string, RiskRow | null>((ids) => riskQueries.ofCustomers(ctx, ids))),

  revenueHistory: (ctx: Context, months: number) =>
    ctx.loaders.get(`retention.revenue:${months}`, () => new DataLoader<string, { month: string; revenue: string }[] | null>((ids) => riskQueries.revenueHistory(ctx, ids, months))),

  retentionCase: (ctx: Context) =>
    ctx.loaders.get('retention.case', () => new DataLoader<string, RetentionCase | null>(async (ids) => (await retentionCases.byIds(ctx, ids)).map((c) => (c ? RetentionCase.from(c) : null)))),

  openCase: (ctx: Context) =>
    ctx.loaders.get('retention.openCase', () => new DataLoader<string, RetentionCase | null>(async (ids) => (await retentionCases.openOf(ctx, ids)).map((c) => (c ? RetentionCase.from(c) : null)))),

  actions: (ctx: Context) => ctx.loaders.get('retention.actions', () => new DataLoader<string, RetentionActionEntity[]>((ids) => retentionCases.actionsOf(ctx, ids))),
};
