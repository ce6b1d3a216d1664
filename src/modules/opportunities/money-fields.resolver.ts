import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Partner, Region, Staff } from '../organisation/organisation.types';
import { commissionPolicy } from './commission.policy';
import { moneyLoaders } from './money.loaders';
import { collisionFrom, Commission, Contract, OpportunityRankingRow, RegistrationAttempt, RegistrationCollision } from './money.types';
import { opportunityLoaders } from './opportunity.loaders';
import { CustomerSummary, Opportunity } from './opportunity.types';

/*
 * Nested fields of the contract, commission, registration and ranking types,
 * and those they add to Opportunity. Every one loads through a per-request
 * DataLoader whose batch function applies the policy (money.queries.ts).
 */

@Resolver(() => Opportunity)
export class OpportunityMoneyResolver {
  @FieldResolver(() => Contract, { nullable: true, description: '合同 — the signed contract, once WON, with its provisioning 开通.' })
  async contract(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Contract | null> {
    const found = await moneyLoaders.contractOf(ctx).load(opportunity.uuid);
    return found ? Contract.from(found) : null;
  }

  @FieldResolver(() => Commission, { nullable: true, description: '酬金 — the reporting partner’s commission, once WON (partners: their own).' })
  async commission(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Commission | null> {
    if (!opportunity.partnerUuid) return null;
    const found = (await moneyLoaders.commissionsOf(ctx).load(opportunity.uuid)).find((c) => c.partnerId === opportunity.partnerUuid);
    return found ? Commission.from(found) : null;
  }

  @FieldResolver(() => [Commission], {
    description: '酬金 — every commission opened at the win that you may see: the reporting partner’s and other claimants’ refusals.',
  })
  async commissions(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Commission[]> {
    return (await moneyLoaders.commissionsOf(ctx).load(opportunity.uuid)).map(Commission.from);
  }
}

@Resolver(() => Contract)
export class ContractResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Why provisioning failed; not shown to partners (an internal note).' })
  failureReason(@Root() contract: Contract, @Ctx() ctx: Context): string | null {
    return commissionPolicy.redact(ctx.viewer).internalNote(contract.storedFailureReason);
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The opportunity it won.' })
  opportunity(@Root() contract: Contract, @Ctx() ctx: Context): Promise<Opportunity | null> {
    return opportunityLoaders.opportunity(ctx).load(contract.opportunityUuid);
  }
}

@Resolver(() => Commission)
export class CommissionResolver {
  @FieldResolver(() => Partner, { nullable: true, description: 'The partner it is for.' })
  partner(@Root() commission: Commission, @Ctx() ctx: Context): Promise<Partner | null> {
    return organisationLoaders.partner(ctx).load(commission.partnerUuid);
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The won opportunity; null when out of your scope.' })
  opportunity(@Root() commission: Commission, @Ctx() ctx: Context): Promise<Opportunity | null> {
    return opportunityLoaders.opportunity(ctx).load(commission.opportunityUuid);
  }

  @FieldResolver(() => Contract, { nullable: true, description: 'The contract it is computed from; null when out of your scope.' })
  contract(@Root() commission: Commission, @Ctx() ctx: Context): Promise<Contract | null> {
    return moneyLoaders.contractById(ctx).load(commission.contractUuid);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who reviewed it (hidden from partners).' })
  reviewedBy(@Root() commission: Commission, @Ctx() ctx: Context): Promise<Staff | null> | null {
    const id = commissionPolicy.redact(ctx.viewer).staff(commission.reviewedByUuid);
    return id ? organisationLoaders.staff(ctx).load(id) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who recorded the payment (hidden from partners).' })
  paidRecordedBy(@Root() commission: Commission, @Ctx() ctx: Context): Promise<Staff | null> | null {
    const id = commissionPolicy.redact(ctx.viewer).staff(commission.paidRecordedByUuid);
    return id ? organisationLoaders.staff(ctx).load(id) : null;
  }
}

@Resolver(() => RegistrationAttempt)
export class RegistrationAttemptResolver {
  @FieldResolver(() => Partner, { nullable: true, description: 'The partner that reported.' })
  partner(@Root() attempt: RegistrationAttempt, @Ctx() ctx: Context): Promise<Partner | null> {
    return organisationLoaders.partner(ctx).load(attempt.partnerUuid);
  }

  @FieldResolver(() => CustomerSummary, { description: 'Code, name and region of the customer reported.' })
  async customerSummary(@Root() attempt: RegistrationAttempt, @Ctx() ctx: Context): Promise<CustomerSummary> {
    const row = (await opportunityLoaders.customerSummary(ctx).load(attempt.customerUuid))!;
    return Object.assign(new CustomerSummary(), { code: row.code, name: row.name, regionUuid: row.regionId });
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The opportunity it created (ACCEPTED).' })
  opportunity(@Root() attempt: RegistrationAttempt, @Ctx() ctx: Context): Promise<Opportunity | null> | null {
    return attempt.opportunityUuid ? opportunityLoaders.opportunity(ctx).load(attempt.opportunityUuid) : null;
  }

  @FieldResolver(() => RegistrationCollision, {
    nullable: true,
    description: '撞单 — the earlier registration it collided with (REFUSED_DUPLICATE): its code and protection window only.',
  })
  async collidedWith(@Root() attempt: RegistrationAttempt, @Ctx() ctx: Context): Promise<RegistrationCollision | null> {
    if (!attempt.collidedWithUuid) return null;
    const row = await moneyLoaders.collision(ctx).load(attempt.collidedWithUuid);
    return row ? collisionFrom(row) : null;
  }
}

@Resolver(() => OpportunityRankingRow)
export class OpportunityRankingRowResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The region (by REGION).' })
  region(@Root() row: OpportunityRankingRow, @Ctx() ctx: Context): Promise<Region | null> | null {
    return row.regionUuid ? organisationLoaders.region(ctx).load(row.regionUuid) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'The owner (by OWNER); null for the unassigned row.' })
  owner(@Root() row: OpportunityRankingRow, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return row.ownerUuid ? organisationLoaders.staff(ctx).load(row.ownerUuid) : null;
  }
}
