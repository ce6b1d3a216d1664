import { EntityManager } from 'typeorm';
import type { RuleSetVersion } from '../rules/business-rules';
import type { OpportunityRuleValues } from '../rules/sections/opportunity.rules';
import type { Context } from '../../platform/context';
import { isoDate } from './input-checks';
import { DEAD_STAGES, OpportunityCategory, OpportunityStage, ProductLine } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';
import { CompetitorInput, CreateOpportunityInput, ReportOpportunityInput } from './opportunity.inputs';

/*
 * What creating (opportunity.lifecycle-moves.ts) and reporting
 * (partner-registration.ts) share: the columns a new opportunity starts with,
 * its code, and the registration protection (撞单) it is checked against.
 */

function competitorColumns(category: OpportunityCategory, competitor: CompetitorInput | null | undefined): Partial<OpportunityEntity> {
  if (category !== OpportunityCategory.COMPETITOR || !competitor) {
    return { competitorCarrier: null, competitorProduct: null, competitorMonthlyFee: null, competitorBandwidthMbps: null, competitorContractExpiresOn: null };
  }
  return {
    competitorCarrier: competitor.carrier!,
    competitorProduct: competitor.product!.trim(),
    competitorMonthlyFee: competitor.monthlyFee!,
    competitorBandwidthMbps: competitor.bandwidthMbps!,
    competitorContractExpiresOn: isoDate(competitor.contractExpiresOn!),
  };
}

/** 保护期 end of a registration at `registeredAt` under the rules in force then (DOMAIN.md: Partner registration). */
export function protectionEnds(registeredAt: Date, rules: Pick<OpportunityRuleValues, 'protectionWindowDays'>): Date {
  return new Date(registeredAt.getTime() + rules.protectionWindowDays * 86_400_000);
}

/** The columns every new opportunity starts with, reported internally or by a partner; registration is now. */
export function newOpportunity(ctx: Context, input: CreateOpportunityInput | ReportOpportunityInput, stage: OpportunityStage, rules: RuleSetVersion): Partial<OpportunityEntity> {
  const registeredAt = new Date();
  return {
    title: input.title.trim(),
    category: input.category,
    products: input.products,
    estimatedAmount: input.estimatedAmount,
    expectedCloseDate: isoDate(input.expectedCloseDate),
    description: input.description?.trim() || null,
    stage,
    ...competitorColumns(input.category, input.competitor),
    reporterId: ctx.viewer.staffId,
    ownerId: null,
    followerIds: [],
    supportResources: [],
    supportManagerId: null,
    registeredAt,
    // DOMAIN.md: the protection window of the rules in force at registration; a later change of the rules does not move it.
    protectedUntil: protectionEnds(registeredAt, rules.rules.opportunity),
    ruleVersion: rules.version,
    closedAt: null,
    closeReason: null,
    version: 1,
  };
}

export async function nextCode(tx: EntityManager): Promise<string> {
  // seed 002 numbering: SJ + year-month (China time) + 6-digit sequence, e.g. SJ202611-000123.
  const [{ code }] = await tx.query(`SELECT 'SJ' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMM') || '-' || lpad(nextval('opportunity_code_seq')::text, 6, '0') AS code`);
  return code as string;
}

/** Opportunities whose registration still protects the customer and product lines (DOMAIN.md: 撞单). */
export async function activeRegistrations(tx: EntityManager, customerId: string, products: ProductLine[], exceptId?: string): Promise<OpportunityEntity[]> {
  const query = tx
    .getRepository(OpportunityEntity)
    .createQueryBuilder('o')
    .where('o.customer_id = :customerId', { customerId })
    .andWhere('o.products && CAST(:products AS product_line[])', { products })
    .andWhere('o.stage NOT IN (:...dead)', { dead: DEAD_STAGES })
    .andWhere('o.protected_until > now()')
    .orderBy('o.registered_at', 'ASC');
  if (exceptId) query.andWhere('o.id <> :exceptId', { exceptId });
  return query.getMany();
}

/** One registration per customer at a time, so two racing reports cannot both pass the duplicate check. */
export async function lockCustomerRegistrations(tx: EntityManager, customerId: string) {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`group-crm:registration:${customerId}`]);
}
