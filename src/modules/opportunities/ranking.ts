import type { SelectQueryBuilder } from 'typeorm';
import type { Context } from '../../platform/context';
import { customerSql } from '../customers/customer.sql';
import { organisationSql } from '../organisation/organisation.sql';
import { ContractEntity } from './contract.entity';
import { fromFen, toFen } from './fen';
import { RankingDimension } from './money.enums';
import { PeriodInput } from './money.inputs';
import { OpportunityRanking, OpportunityRankingRow } from './money.types';
import { OpportunityEntity } from './opportunity.entity';
import { OpportunityFilter } from './opportunity.filters';
import { opportunityPolicy } from './opportunity.policy';
import { applyOpportunityFilter } from './opportunity.queries';
import { inPeriod, reportPeriod } from './report-period';

/*
 * 商机通报 (DOMAIN.md: Reports) — the ranking of regions or owners over a
 * period: count, estimated and signed amount, win rate, cycle days. One SQL
 * aggregate over the opportunities the viewer may read, under the same
 * filter the `opportunities` list applies (applyOpportunityFilter), so its
 * totals are the list's totals. The period is the registration day (China
 * time), as for the pipeline's registeredFrom/registeredTo: a cohort of the
 * opportunities reported in the period, followed to their outcome.
 */

/**
 * The region one level below the viewer's that holds each opportunity's
 * customer: the next id on the customer's region path after the viewer's
 * own ('' when the customer sits in the viewer's region itself). The
 * customer and its region are joined, not looked up per opportunity: a
 * province's year is hundreds of thousands of opportunities.
 */
function childRegionKey(query: SelectQueryBuilder<OpportunityEntity>, viewerRegionPath: string): string {
  const position = viewerRegionPath.split('/').length;
  organisationSql.joinRegionTo(customerSql.joinTo(query, 'rk_c', 'o.customer_id'), 'rk_r', 'rk_c.region_id');
  return `split_part(rk_r.path, '/', ${position})`;
}

export const ranking = {
  async opportunityRanking(ctx: Context, period: PeriodInput, by: RankingDimension, filter: OpportunityFilter | null | undefined): Promise<OpportunityRanking> {
    const { from, to } = reportPeriod(period);
    const query = ctx.db.getRepository(OpportunityEntity).createQueryBuilder('o').leftJoin(ContractEntity, 'k', 'k.opportunity_id = o.id');
    const key = by === RankingDimension.OWNER ? 'o.owner_id::text' : childRegionKey(query, ctx.viewer.regionPath);
    query
      .select(`coalesce(${key}, '')`, 'rankKey')
      .addSelect('count(*)::int', 'count')
      .addSelect('coalesce(sum(o.estimated_amount), 0)::text', 'estimated')
      .addSelect(`coalesce(sum(k.signed_amount) FILTER (WHERE o.stage = 'WON'), 0)::text`, 'signed')
      .addSelect(`(count(*) FILTER (WHERE o.stage = 'WON'))::int`, 'won')
      .addSelect(`(count(*) FILTER (WHERE o.stage = 'LOST'))::int`, 'lost')
      .addSelect(`avg(extract(epoch FROM o.closed_at - o.registered_at) / 86400) FILTER (WHERE o.stage = 'WON')`, 'cycleDays')
      .where(inPeriod('o.registered_at'), { periodFrom: from, periodTo: to })
      .groupBy('"rankKey"');
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    applyOpportunityFilter(query, filter ?? {});
    const raw: { rankKey: string; count: number; estimated: string; signed: string; won: number; lost: number; cycleDays: string | null }[] = await query.getRawMany();
    raw.sort((a, b) => {
      const signed = toFen(b.signed) - toFen(a.signed);
      return signed !== 0n ? (signed > 0n ? 1 : -1) : b.count - a.count || a.rankKey.localeCompare(b.rankKey);
    });
    const rows = raw.map((row, index) =>
      Object.assign(new OpportunityRankingRow(), {
        rank: index + 1,
        count: row.count,
        estimatedAmount: fromFen(toFen(row.estimated)),
        signedAmount: fromFen(toFen(row.signed)),
        won: row.won,
        lost: row.lost,
        winRate: row.won + row.lost === 0 ? null : row.won / (row.won + row.lost),
        averageCycleDays: row.cycleDays == null ? null : Math.round(Number(row.cycleDays) * 10) / 10,
        regionUuid: by === RankingDimension.REGION ? row.rankKey || ctx.viewer.regionId : null,
        ownerUuid: by === RankingDimension.OWNER ? row.rankKey || null : null,
      }),
    );
    const sum = (pick: (row: OpportunityRankingRow) => string) => fromFen(rows.reduce((total, row) => total + toFen(pick(row)), 0n));
    return Object.assign(new OpportunityRanking(), {
      rows,
      totalCount: rows.reduce((total, row) => total + row.count, 0),
      totalEstimatedAmount: sum((row) => row.estimatedAmount),
      totalSignedAmount: sum((row) => row.signedAmount),
    });
  },
};
