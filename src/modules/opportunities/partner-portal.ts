import { isAdmin, isPartner } from '../../platform/auth/viewer';
import type { Context } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { EVERYTHING, ScopePredicate } from '../../platform/scope/predicate';
import { organisationFacts } from '../organisation/organisation.sql';
import { fromFen, toFen } from './fen';
import { PeriodInput } from './money.inputs';
import { PartnerStatistics } from './money.types';
import { isOpportunityAdmin, partnerAdminPolicy } from './partner-admin.policy';
import { inPeriod, reportPeriod } from './report-period';

/*
 * The partner portal's figures (issue 11): partnerStatistics over a period —
 * registrations made in it, wins and losses closed in it, and the commission
 * opened in it by its current state. A partner sees its own; the
 * opportunity administrator one partner of their city or all of them
 * together; admins any or all.
 */

/** Which partners' figures: a predicate on a column holding a partner id; null when the viewer may not see them. */
async function partnersOf(ctx: Context, partnerId: string | null | undefined): Promise<((column: string) => ScopePredicate) | null> {
  const viewer = ctx.viewer;
  if (isPartner(viewer)) return viewer.partnerId ? (column) => ({ sql: `${column} = :statPartner`, params: { statPartner: viewer.partnerId } }) : null;
  if (partnerId != null) {
    const uuid = uuidOf(partnerId, 'Partner');
    const partner = uuid ? await organisationFacts.partner(ctx.db.manager, uuid) : null;
    if (!partner || !partnerAdminPolicy.mayReadPartnerStatistics(viewer, partner.id, partner.regionPath)) return null;
    return (column) => ({ sql: `${column} = :statPartner`, params: { statPartner: partner.id } });
  }
  if (isAdmin(viewer)) return () => EVERYTHING;
  if (isOpportunityAdmin(viewer)) return (column) => partnerAdminPolicy.cityPartners(column, viewer);
  throw forbidden('Partner statistics are for partners, opportunity administrators and admins');
}

export const partnerPortal = {
  /** One statement: the partner's figures for the period; null for a partner the viewer may not see. */
  async partnerStatistics(ctx: Context, period: PeriodInput, partnerId: string | null | undefined): Promise<PartnerStatistics | null> {
    const { from, to } = reportPeriod(period);
    const partners = await partnersOf(ctx, partnerId);
    if (!partners) return null;
    const a = partners('a.partner_id');
    const o = partners('o.partner_id');
    const c = partners('c.partner_id');
    const row = await ctx.db
      .createQueryBuilder()
      .select(`(SELECT count(*) FROM registration_attempt a WHERE ${a.sql} AND ${inPeriod('a.at')})::int`, 'reported')
      .addSelect(`(SELECT count(*) FROM registration_attempt a WHERE ${a.sql} AND ${inPeriod('a.at')} AND a.outcome = 'ACCEPTED')::int`, 'accepted')
      .addSelect(`(SELECT count(*) FROM registration_attempt a WHERE ${a.sql} AND ${inPeriod('a.at')} AND a.outcome = 'REFUSED_DUPLICATE')::int`, 'refused')
      .addSelect(`(SELECT count(*) FROM opportunity o WHERE o.partner_id IS NOT NULL AND ${o.sql} AND o.stage = 'WON' AND ${inPeriod('o.closed_at')})::int`, 'won')
      .addSelect(`(SELECT count(*) FROM opportunity o WHERE o.partner_id IS NOT NULL AND ${o.sql} AND o.stage = 'LOST' AND ${inPeriod('o.closed_at')})::int`, 'lost')
      .addSelect(
        `(SELECT json_build_object('PENDING', coalesce(sum(c.amount) FILTER (WHERE c.state = 'PENDING'), 0)::text,
                                   'APPROVED', coalesce(sum(c.amount) FILTER (WHERE c.state = 'APPROVED'), 0)::text,
                                   'PAID', coalesce(sum(c.amount) FILTER (WHERE c.state = 'PAID'), 0)::text)
            FROM commission c WHERE ${c.sql} AND ${inPeriod('c.created_at')})`,
        'commission',
      )
      .fromDummy()
      .setParameters({ ...a.params, periodFrom: from, periodTo: to })
      .getRawOne<{
        reported: number;
        accepted: number;
        refused: number;
        won: number;
        lost: number;
        commission: Record<'PENDING' | 'APPROVED' | 'PAID', string>;
      }>();
    const money = (amount: string) => fromFen(toFen(amount));
    return Object.assign(new PartnerStatistics(), {
      reported: row!.reported,
      accepted: row!.accepted,
      refusedAsDuplicates: row!.refused,
      won: row!.won,
      lost: row!.lost,
      winRate: row!.won + row!.lost === 0 ? null : row!.won / (row!.won + row!.lost),
      commissionPending: money(row!.commission.PENDING),
      commissionApproved: money(row!.commission.APPROVED),
      commissionPaid: money(row!.commission.PAID),
    });
  },
};
