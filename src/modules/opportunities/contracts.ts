import { EntityManager } from 'typeorm';
import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { fail, failMany, ok, Result, userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { customerFacts } from '../customers/customer.sql';
import { openCommissions } from './commission';
import { ContractEntity } from './contract.entity';
import { chinaDate, toFen } from './fen';
import { checkAmount, isoDate } from './input-checks';
import { LifecycleAction } from './lifecycle';
import { ProvisioningOutcome, ProvisioningState as P } from './money.enums';
import { ContractInput, RecordProvisioningInput } from './money.inputs';
import { OpportunityEntity } from './opportunity.entity';
import { CloseOpportunityInput } from './opportunity.inputs';
import { actsAs, checkTransition, lockAtVersion, move } from './opportunity.transitions';

/*
 * 签约 and 开通 (DOMAIN.md: Follow-through): winning means a signed contract,
 * and after WON the contract moves through provisioning. Winning goes through
 * the lifecycle table (CLOSE_WON) like every other move; the contract, the
 * history entry and the partner commissions (commission.ts) are written in
 * the one transaction of the win.
 */

/** Provisioning, as data: outcome → from which state to which (the opportunity itself stays WON). */
export const PROVISIONING: Record<ProvisioningOutcome, { from: P; to: P; action: string }> = {
  IN_SERVICE: { from: P.PROVISIONING, to: P.IN_SERVICE, action: 'PROVISIONED' },
  FAILED: { from: P.PROVISIONING, to: P.PROVISIONING_FAILED, action: 'PROVISIONING_FAILED' },
  RETRY: { from: P.PROVISIONING_FAILED, to: P.PROVISIONING, action: 'PROVISIONING_RETRIED' },
};

const contractNumber = (number: string) => number.trim().toUpperCase();

/** The business checks of a contract class-validator cannot state: money and the signing date. */
function checkContract(contract: ContractInput, errors: UserErrorValue[]) {
  checkAmount(contract.signedAmount, ['contract', 'signedAmount'], errors);
  if (contract.signedAmount && toFen(contract.signedAmount) <= 0n) errors.push(userError(UserErrorCode.VALIDATION, 'The signed amount must be more than zero', ['contract', 'signedAmount']));
  if (contract.signedOn && isoDate(contract.signedOn) > chinaDate()) errors.push(userError(UserErrorCode.VALIDATION, 'The signing date cannot be in the future', ['contract', 'signedOn']));
}

const duplicateContract = (number: string) => userError(UserErrorCode.DUPLICATE_CONTRACT, `Contract number ${number} already won another opportunity`, ['contract', 'number']);

/** The contract of an opportunity, locked. */
async function lockContract(tx: EntityManager, opportunityId: string): Promise<ContractEntity | null> {
  return tx.getRepository(ContractEntity).createQueryBuilder('k').where('k.opportunity_id = :opportunityId', { opportunityId }).setLock('pessimistic_write').getOne();
}

export const contracts = {
  /**
   * 签约: closes an IN_PROGRESS opportunity WON with its contract (owner or
   * leader), and opens the partner commissions. Racing wins with one
   * contract number meet on uq_contract_number: one commits, the others get
   * DUPLICATE_CONTRACT and write nothing.
   */
  async win(ctx: Context, input: CloseOpportunityInput): Promise<Result<OpportunityEntity>> {
    const errors = await validateInput(input);
    if (!input.contract) errors.push(userError(UserErrorCode.VALIDATION, 'Winning means a signed contract 签约: give the contract', 'contract'));
    else checkContract(input.contract, errors);
    if (errors.length) return failMany(errors);
    const stated = input.contract!;
    const number = contractNumber(stated.number);
    return inTransaction(
      ctx,
      async (tx) => {
        const locked = await lockAtVersion(tx, ctx, input);
        if (!locked.ok) return locked;
        const opportunity = locked.value;
        const to = checkTransition(ctx, opportunity, LifecycleAction.CLOSE_WON, await customerFacts.of(tx, opportunity.customerId));
        if (!to.ok) return to;
        const productLine = stated.productLine ?? (opportunity.products.length === 1 ? opportunity.products[0] : null);
        if (!productLine) return fail(UserErrorCode.VALIDATION, `Opportunity ${opportunity.code} has several product lines: say which one the contract signs`, ['contract', 'productLine']);
        if (!opportunity.products.includes(productLine)) return fail(UserErrorCode.VALIDATION, `${productLine} is not a product line of opportunity ${opportunity.code}`, ['contract', 'productLine']);
        if (await tx.getRepository(ContractEntity).existsBy({ number })) return failMany([duplicateContract(number)]);
        const repo = tx.getRepository(ContractEntity);
        const contract = await repo.save(
          repo.create({
            opportunityId: opportunity.id,
            number,
            signedAmount: stated.signedAmount,
            termMonths: stated.termMonths,
            signedOn: isoDate(stated.signedOn),
            productLine,
            signedById: ctx.viewer.staffId,
          }),
        );
        const moved = await move(tx, ctx, opportunity, LifecycleAction.CLOSE_WON, to.value, {
          set: { closedAt: new Date(), closeReason: input.reason.trim() },
          comment: `${input.reason.trim()} (合同 ${number})`,
        });
        if (!moved.ok) return moved;
        await openCommissions(tx, moved.value, contract);
        return moved;
      },
      {
        uq_contract_number: duplicateContract(number),
        uq_contract_opportunity: userError(UserErrorCode.VERSION_CONFLICT, 'The opportunity was won at the same moment', 'id'),
      },
    );
  },

  /** 开通: IN_SERVICE or FAILED from PROVISIONING, RETRY after a failure (owner or leader); recorded in the history. */
  async recordProvisioning(ctx: Context, input: RecordProvisioningInput): Promise<Result<{ opportunity: OpportunityEntity; contract: ContractEntity }>> {
    const errors = await validateInput(input);
    const move_ = PROVISIONING[input.outcome];
    const date = input.date ? isoDate(input.date) : null;
    if (input.outcome !== ProvisioningOutcome.RETRY && !date) errors.push(userError(UserErrorCode.VALIDATION, 'Say on which day', 'date'));
    if (date && date > chinaDate()) errors.push(userError(UserErrorCode.VALIDATION, 'The date cannot be in the future', 'date'));
    if (input.outcome === ProvisioningOutcome.FAILED && !input.reason?.trim()) errors.push(userError(UserErrorCode.VALIDATION, 'Say why provisioning failed', 'reason'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockAtVersion(tx, ctx, input);
      if (!locked.ok) return locked;
      const opportunity = locked.value;
      const customer = await customerFacts.of(tx, opportunity.customerId);
      if (!actsAs(ctx, 'OWNER', opportunity, customer) && !actsAs(ctx, 'LEADER', opportunity, customer)) throw forbidden('Only the owner or a leader over the customer records provisioning');
      const contract = await lockContract(tx, opportunity.id);
      if (!contract) return fail(UserErrorCode.INVALID_TRANSITION, `Opportunity ${opportunity.code} is ${opportunity.stage} without a contract: provisioning follows a win 签约`, 'id');
      if (contract.provisioningState !== move_.from) {
        const allowed = Object.entries(PROVISIONING)
          .filter(([, m]) => m.from === contract.provisioningState)
          .map(([outcome]) => outcome);
        return fail(
          UserErrorCode.INVALID_TRANSITION,
          `Contract ${contract.number} is ${contract.provisioningState}: ${input.outcome} is not allowed; allowed: ${allowed.length ? allowed.join(', ') : 'none (final)'}`,
          'outcome',
        );
      }
      if (date && date < String(contract.signedOn)) return fail(UserErrorCode.VALIDATION, `The date cannot be before the signing on ${contract.signedOn}`, 'date');
      const set: Partial<ContractEntity> =
        input.outcome === ProvisioningOutcome.IN_SERVICE
          ? { provisioningState: move_.to, inServiceOn: date }
          : input.outcome === ProvisioningOutcome.FAILED
            ? { provisioningState: move_.to, failedOn: date, failureReason: input.reason!.trim() }
            : { provisioningState: move_.to, failedOn: null, failureReason: null };
      const result = await tx
        .createQueryBuilder()
        .update(ContractEntity)
        .set({ ...set, version: () => 'version + 1' })
        .where('id = :id AND provisioning_state = :from', { id: contract.id, from: move_.from })
        .execute();
      if (result.affected !== 1) return fail(UserErrorCode.VERSION_CONFLICT, `Contract ${contract.number} changed while you were saving`, 'expectedVersion');
      const comment = [date, input.reason?.trim()].filter(Boolean).join(' ') || null;
      const moved = await move(tx, ctx, opportunity, move_.action, opportunity.stage, { comment });
      if (!moved.ok) return moved;
      return ok({ opportunity: moved.value, contract: await tx.getRepository(ContractEntity).findOneByOrFail({ id: contract.id }) });
    });
  },
};
