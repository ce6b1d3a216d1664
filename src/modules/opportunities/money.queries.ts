import type { Context } from '../../platform/context';
import { Page, PageArgs, paginate } from '../../platform/graphql/connection';
import { uuidOf } from '../../platform/graphql/node-id';
import { byIds } from '../../platform/sql';
import { CommissionRateEntity } from './commission-rate.entity';
import { CommissionEntity } from './commission.entity';
import { commissionPolicy } from './commission.policy';
import { ContractEntity } from './contract.entity';
import { NO_UUID } from './input-checks';
import { CommissionState } from './money.enums';
import { CommissionFilter, RegistrationFilter } from './money.inputs';
import { OpportunityEntity } from './opportunity.entity';
import { partnerAdminPolicy } from './partner-admin.policy';
import { RegistrationAttemptEntity } from './registration-attempt.entity';

/*
 * The reads of contracts, commissions, rates and registration attempts: root
 * lists and the batch functions behind money.loaders.ts. Each applies its
 * policy (commission.policy.ts, partner-admin.policy.ts) in SQL, so lists,
 * `node`, nested fields and loaders agree on what the viewer sees.
 */

export const moneyQueries = {
  /** The contract of each opportunity, when the viewer may read it. */
  async contractsOf(ctx: Context, opportunityIds: readonly string[]): Promise<(ContractEntity | null)[]> {
    const scope = commissionPolicy.readContract('k', ctx.viewer);
    const rows = await ctx.db
      .getRepository(ContractEntity)
      .createQueryBuilder('k')
      .where('k.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .andWhere(scope.sql, scope.params)
      .getMany();
    const map = new Map(rows.map((row) => [row.opportunityId, row]));
    return opportunityIds.map((id) => map.get(id) ?? null);
  },

  async contractsByIds(ctx: Context, ids: readonly string[]): Promise<(ContractEntity | null)[]> {
    const scope = commissionPolicy.readContract('k', ctx.viewer);
    return byIds(
      await ctx.db
        .getRepository(ContractEntity)
        .createQueryBuilder('k')
        .where('k.id IN (:...ids)', { ids: [...ids] })
        .andWhere(scope.sql, scope.params)
        .getMany(),
      ids,
    );
  },

  /** The commissions of each opportunity the viewer may read, oldest first. */
  async commissionsOf(ctx: Context, opportunityIds: readonly string[]): Promise<CommissionEntity[][]> {
    const scope = commissionPolicy.read('c', ctx.viewer);
    const rows = await ctx.db
      .getRepository(CommissionEntity)
      .createQueryBuilder('c')
      .where('c.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .andWhere(scope.sql, scope.params)
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    return opportunityIds.map((id) => rows.filter((row) => row.opportunityId === id));
  },

  async commissionsByIds(ctx: Context, ids: readonly string[]): Promise<(CommissionEntity | null)[]> {
    const scope = commissionPolicy.read('c', ctx.viewer);
    return byIds(
      await ctx.db
        .getRepository(CommissionEntity)
        .createQueryBuilder('c')
        .where('c.id IN (:...ids)', { ids: [...ids] })
        .andWhere(scope.sql, scope.params)
        .getMany(),
      ids,
    );
  },

  /** 酬金 — commissions in the viewer's scope, filtered, oldest first. */
  async commissionList(ctx: Context, filter: CommissionFilter | null | undefined, args: PageArgs): Promise<Page<CommissionEntity>> {
    const scope = commissionPolicy.read('c', ctx.viewer);
    const query = ctx.db.getRepository(CommissionEntity).createQueryBuilder('c').where(scope.sql, scope.params);
    if (filter?.states?.length) query.andWhere('c.state IN (:...states)', { states: filter.states });
    if (filter?.partnerId != null) query.andWhere('c.partner_id = :filterPartner', { filterPartner: uuidOf(filter.partnerId, 'Partner') ?? NO_UUID });
    return paginate(query, { args, sort: { expression: 'c.created_at', type: 'timestamptz' }, direction: 'ASC', idExpression: 'c.id', map: (row) => row });
  },

  /** 酬金审核队列 — the commissions in one state that the viewer may review and pay, oldest first. */
  async commissionQueue(ctx: Context, state: CommissionState, args: PageArgs): Promise<Page<CommissionEntity>> {
    const scope = commissionPolicy.reviewable('c', ctx.viewer);
    const query = ctx.db.getRepository(CommissionEntity).createQueryBuilder('c').where(scope.sql, scope.params).andWhere('c.state = :state', { state });
    return paginate(query, { args, sort: { expression: 'c.created_at', type: 'timestamptz' }, direction: 'ASC', idExpression: 'c.id', map: (row) => row });
  },

  /** 报备记录 — registration attempts in the viewer's scope, newest first. */
  async registrations(ctx: Context, filter: RegistrationFilter | null | undefined, args: PageArgs): Promise<Page<RegistrationAttemptEntity>> {
    const scope = partnerAdminPolicy.readRegistration('a', ctx.viewer);
    const query = ctx.db.getRepository(RegistrationAttemptEntity).createQueryBuilder('a').where(scope.sql, scope.params);
    if (filter?.partnerId != null) query.andWhere('a.partner_id = :filterPartner', { filterPartner: uuidOf(filter.partnerId, 'Partner') ?? NO_UUID });
    if (filter?.outcomes?.length) query.andWhere('a.outcome IN (:...outcomes)', { outcomes: filter.outcomes });
    return paginate(query, { args, sort: { expression: 'a.at', type: 'timestamptz' }, direction: 'DESC', idExpression: 'a.id', map: (row) => row });
  },

  async registrationsByIds(ctx: Context, ids: readonly string[]): Promise<(RegistrationAttemptEntity | null)[]> {
    const scope = partnerAdminPolicy.readRegistration('a', ctx.viewer);
    return byIds(
      await ctx.db
        .getRepository(RegistrationAttemptEntity)
        .createQueryBuilder('a')
        .where('a.id IN (:...ids)', { ids: [...ids] })
        .andWhere(scope.sql, scope.params)
        .getMany(),
      ids,
    );
  },

  /**
   * The code and registration time of the registrations refused attempts
   * collided with: all a refused partner may know of them (DOMAIN.md:
   * "refused … naming the existing opportunity's code"). Callers reach
   * these only through an attempt the viewer may read.
   */
  async collisions(ctx: Context, opportunityIds: readonly string[]): Promise<({ id: string; code: string; registeredAt: Date; protectedUntil: Date } | null)[]> {
    const rows: { id: string; code: string; registeredAt: Date; protectedUntil: Date }[] = await ctx.db
      .getRepository(OpportunityEntity)
      .createQueryBuilder('o')
      .select(['o.id AS id', 'o.code AS code', 'o.registered_at AS "registeredAt"', 'o.protected_until AS "protectedUntil"'])
      .where('o.id IN (:...ids)', { ids: [...opportunityIds] })
      .getRawMany();
    return byIds(rows, opportunityIds);
  },

  /** 酬金比例 — the rate in force for every product line. */
  async commissionRates(ctx: Context): Promise<CommissionRateEntity[]> {
    return ctx.db.getRepository(CommissionRateEntity).createQueryBuilder('r').distinctOn(['r.product_line']).orderBy('r.product_line').addOrderBy('r.created_at', 'DESC').getMany();
  },
};
