import DataLoader from 'dataloader';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isPartner } from '../../platform/auth/viewer';
import { hydrateAlias } from '../../platform/read-entities';
import type { StaffEntity } from './staff.entity';
import type { Context } from '../../platform/context';
import { organisationService } from './organisation.service';
import { Partner, Region, Staff } from './organisation.types';

/** Per-request loaders; each goes through the service, and so through the policy. */
export const organisationLoaders = {
  region: (ctx: Context) =>
    ctx.loaders.get('organisation.region', () => new DataLoader<string, Region | null>(async (ids) => (await organisationService.regionsByIds(ctx, ids)).map((r) => (r ? Region.from(r) : null)))),
  /**
   * Hands the staff a list read with organisationSql.joinAndSelectStaffTo
   * (alias `alias` of `query`) to the `staff` loader. Staff read alike for
   * everyone but partners, so the caller's viewer must not be a partner.
   */
  primeJoinedStaff: (ctx: Context, query: SelectQueryBuilder<ObjectLiteral>, alias: string, raw: Record<string, unknown>[]) => {
    if (isPartner(ctx.viewer)) return;
    const loader = organisationLoaders.staff(ctx);
    for (const entity of hydrateAlias<StaffEntity>(query, alias, raw)) loader.prime(entity.id, Staff.from(entity));
  },
  staff: (ctx: Context) =>
    ctx.loaders.get('organisation.staff', () => new DataLoader<string, Staff | null>(async (ids) => (await organisationService.staffByIds(ctx, ids)).map((s) => (s ? Staff.from(s) : null)))),
  partner: (ctx: Context) =>
    ctx.loaders.get('organisation.partner', () => new DataLoader<string, Partner | null>(async (ids) => (await organisationService.partnersByIds(ctx, ids)).map((p) => (p ? Partner.from(p) : null)))),
};
