import { EntityManager } from 'typeorm';
import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { organisationFacts } from '../organisation/organisation.sql';
import { IncentiveEntity } from './incentive.entity';
import { checkAmount } from './input-checks';
import { OpportunityStage, RegistrationOutcome } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';
import { opportunityPolicy } from './opportunity.policy';
import { customerFacts } from '../customers/customer.sql';
import { lockReadable, move } from './opportunity.transitions';
import { RequestIncentiveInput } from './opportunity.inputs';
import { RegistrationAttemptEntity } from './registration-attempt.entity';

/*
 * 激励申报 — incentive applications after a win, and the partner commission
 * 酬金 they may claim (seed 002 第五条: only for business the partner
 * registered first, read from partner-registration.ts's attempts).
 */

/** seed 002 第五条: commission only for business the partner registered first. */
async function commissionEligibility(tx: EntityManager, partnerId: string, opportunity: OpportunityEntity): Promise<Result<string>> {
  const attempts = await tx
    .getRepository(RegistrationAttemptEntity)
    .createQueryBuilder('a')
    .leftJoinAndSelect('a.collidedWith', 'collided')
    .where('a.partner_id = :partnerId AND a.customer_id = :customerId', { partnerId, customerId: opportunity.customerId })
    .andWhere('a.products && CAST(:products AS product_line[])', { products: opportunity.products })
    .orderBy('a.at', 'ASC')
    .getMany();
  const wonAt = opportunity.closedAt ?? new Date();
  const accepted = attempts.filter((a) => a.outcome === RegistrationOutcome.ACCEPTED);
  const first = accepted.find((a) => a.at.getTime() <= wonAt.getTime());
  if (first) return ok(`Registered ${first.at.toISOString()}, before the win`);
  if (accepted.length) return fail(UserErrorCode.NOT_ELIGIBLE, `The partner registered this customer and product line only on ${accepted[0].at.toISOString()}, after the win`, 'commissionPartnerId');
  const refused = attempts.find((a) => a.outcome === RegistrationOutcome.REFUSED_DUPLICATE);
  if (refused) {
    return fail(UserErrorCode.NOT_ELIGIBLE, `The partner’s registration was refused as a duplicate of ${refused.collidedWith?.code ?? 'an earlier one'}; the first registrant keeps the claim`, 'commissionPartnerId');
  }
  return fail(UserErrorCode.NOT_ELIGIBLE, '未报备: the partner never registered this customer and product line', 'commissionPartnerId');
}

export const incentives = {
  /**
   * 激励申报 after a win, by a leader over the customer. Claiming commission
   * for a partner (by default the reporting one) requires its eligibility
   * (seed 002 第五条), which is recorded on the application.
   */
  async requestIncentive(ctx: Context, input: RequestIncentiveInput): Promise<Result<{ incentive: IncentiveEntity; opportunity: OpportunityEntity }>> {
    const errors = await validateInput(input);
    checkAmount(input.amount, 'amount', errors);
    const claimedPartnerId = input.commissionPartnerId != null ? uuidOf(input.commissionPartnerId, 'Partner') : undefined;
    if (input.commissionPartnerId != null && !claimedPartnerId) errors.push(userError(UserErrorCode.VALIDATION, 'Unknown partner', 'commissionPartnerId'));
    if (errors.length) return failMany(errors);
    return inTransaction(
      ctx,
      async (tx) => {
        const locked = await lockReadable(tx, ctx, uuidOf(input.opportunityId, 'Opportunity'), 'opportunityId');
        if (!locked.ok) return locked;
        const opportunity = locked.value;
        const customer = await customerFacts.of(tx, opportunity.customerId);
        if (opportunity.stage !== OpportunityStage.WON) {
          return fail(UserErrorCode.INVALID_TRANSITION, `Opportunity ${opportunity.code} is ${opportunity.stage}: incentives are filed after it is WON`, 'opportunityId');
        }
        if (!opportunityPolicy.isLeaderOver(ctx.viewer, customer.regionPath)) throw forbidden('Only a leader over the customer files incentives');
        const partnerId = input.claimCommission ? (claimedPartnerId ?? opportunity.partnerId) : null;
        let eligibility: string | null = null;
        if (partnerId) {
          const partner = await organisationFacts.partner(tx, partnerId);
          if (!partner) return fail(UserErrorCode.VALIDATION, 'Unknown partner', 'commissionPartnerId');
          const eligible = await commissionEligibility(tx, partnerId, opportunity);
          if (!eligible.ok) return eligible;
          eligibility = eligible.value;
        }
        const repo = tx.getRepository(IncentiveEntity);
        const incentive = await repo.save(
          repo.create({ opportunityId: opportunity.id, requestedById: ctx.viewer.staffId, amount: input.amount, note: input.note?.trim() || null, commissionPartnerId: partnerId, eligibility }),
        );
        const moved = await move(tx, ctx, opportunity, 'REQUEST_INCENTIVE', opportunity.stage, { comment: input.note });
        if (!moved.ok) return moved;
        return ok({ incentive, opportunity: moved.value });
      },
      { uq_incentive_opportunity: userError(UserErrorCode.ALREADY_EXISTS, 'An incentive was already filed for this opportunity', 'opportunityId') },
    );
  },
};
