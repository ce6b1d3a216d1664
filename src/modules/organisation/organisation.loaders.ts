import DataLoader from 'dataloader';
import type { Context } from '../../platform/context';
import { organisationService } from './organisation.service';
import { Partner, Region, Staff } from './organisation.types';

/** Per-request loaders; each goes through the service, and so through the policy. */
export const organisationLoaders = {
  region: (ctx: Context) =>
    ctx.loaders.get('organisation.region', () => new DataLoader<string, Region | null>(async (ids) => (await organisationService.regionsByIds(ctx, ids)).map((r) => (r ? Region.from(r) : null)))),
  staff: (ctx: Context) =>
    ctx.loaders.get('organisation.staff', () => new DataLoader<string, Staff | null>(async (ids) => (await organisationService.staffByIds(ctx, ids)).map((s) => (s ? Staff.from(s) : null)))),
  partner: (ctx: Context) =>
    ctx.loaders.get('organisation.partner', () => new DataLoader<string, Partner | null>(async (ids) => (await organisationService.partnersByIds(ctx, ids)).map((p) => (p ? Partner.from(p) : null)))),
};
