import { EntityManager } from 'typeorm';
import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { organisationFacts } from '../organisation/organisation.sql';
import { CommissionRateEntity } from './commission-rate.entity';
import { commissionVerdict, AttemptFact } from './commission-rule';
import { CommissionEntity } from './commission.entity';
import { commissionPolicy } from './commission.policy';
import { ContractEntity } from './contract.entity';
import { chinaDate, percentOf, toFen } from './fen';
import { isoDate } from './input-checks';
import { CommissionDecision, CommissionRefusalReason, CommissionState } from './money.enums';
import { RecordCommissionPaymentInput, ReviewCommissionInput, SetCommissionRateInput } from './money.inputs';
import { ProductLine, RegistrationOutcome } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';

/*
 * 酬金 — partner commission (DOMAIN.md: Partner registration … commission;
 * Follow-through): opened in the win's transaction (contracts.ts calls
 * openCommissions), then reviewed (PENDING → APPROVED or REFUSED) and paid
 * (APPROVED → PAID) by the opportunity administrator of the partner's city.
 * The eligibility rule itself is commission-rule.ts; the rate is data
 * (commission_rate, the latest row per product line).
 *
 * When a commission record exists at all: for the partner that reported the
 * won opportunity, and for every partner with a registration attempt 报备
 * (accepted or refused) on the same customer and an overlapping product line,
 * or one that collided with the won opportunity — so that a claimant who is
 * not eligible sees the refusal and its reason. An internal win no partner
 * ever registered opens none.
 */

/** The rate of a product line now in force. */
export async function currentRate(tx: EntityManager, productLine: ProductLine): Promise<CommissionRateEntity> {
  return tx.getRepository(CommissionRateEntity).findOneOrFail({ where: { productLine }, order: { createdAt: 'DESC' } });
}

/** Opens the commissions of a win: one per partner concerned, PENDING or REFUSED with the reason, amount = rate × signed amount. */
export async function openCommissions(tx: EntityManager, opportunity: OpportunityEntity, contract: ContractEntity): Promise<CommissionEntity[]> {
  const rows: { partnerId: string; outcome: RegistrationOutcome; opportunityId: string | null; collidedWithCode: string | null; on: string }[] = await tx.query(
    `SELECT a.partner_id AS "partnerId", a.outcome, a.opportunity_id AS "opportunityId", c.code AS "collidedWithCode",
            to_char(a.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "on"
       FROM registration_attempt a LEFT JOIN opportunity c ON c.id = a.collided_with_id
      WHERE a.customer_id = $1 AND (a.products && CAST($2 AS product_line[]) OR a.opportunity_id = $3 OR a.collided_with_id = $3)`,
    [opportunity.customerId, opportunity.products, opportunity.id],
  );
  const byPartner = new Map<string, AttemptFact[]>();
  if (opportunity.partnerId) byPartner.set(opportunity.partnerId, []);
  for (const row of rows) byPartner.set(row.partnerId, [...(byPartner.get(row.partnerId) ?? []), row]);
  if (byPartner.size === 0) return [];
  const rate = await currentRate(tx, contract.productLine);
  const amount = percentOf(contract.signedAmount, rate.ratePercent);
  const repo = tx.getRepository(CommissionEntity);
  const commissions = [...byPartner].map(([partnerId, attempts]) => {
    const verdict = commissionVerdict(attempts, opportunity.id, contract.signedOn);
    return repo.create({
      opportunityId: opportunity.id,
      contractId: contract.id,
      partnerId,
      state: verdict.state,
      refusalReason: verdict.reason,
      refusalComment: verdict.note,
      rateId: rate.id,
      ratePercent: rate.ratePercent,
      amount,
    });
  });
  return repo.save(commissions);
}

/** A commission the viewer may read, locked so that reviews and payments queue; out of scope is NOT_FOUND. */
async function lockCommission(tx: EntityManager, ctx: Context, input: { id: string; expectedVersion?: number | null }): Promise<Result<CommissionEntity>> {
  const id = uuidOf(input.id, 'Commission');
  if (!id) return fail(UserErrorCode.NOT_FOUND, 'Commission not found', 'id');
  const scope = commissionPolicy.read('c', ctx.viewer);
  const row = await tx.getRepository(CommissionEntity).createQueryBuilder('c').where('c.id = :id', { id }).andWhere(scope.sql, scope.params).setLock('pessimistic_write').getOne();
  if (!row) return fail(UserErrorCode.NOT_FOUND, 'Commission not found', 'id');
  const partner = (await organisationFacts.partner(tx, row.partnerId))!;
  if (!commissionPolicy.mayReview(ctx.viewer, partner.regionPath)) throw forbidden('Only the opportunity administrator of the partner’s city reviews and pays its commissions');
  if (input.expectedVersion != null && input.expectedVersion !== row.version) {
    return fail(UserErrorCode.VERSION_CONFLICT, `The commission changed since you read it (version ${input.expectedVersion}, now ${row.version})`, 'expectedVersion');
  }
  return ok(row);
}

/** Moves a locked commission from `from`, conditionally on its state and version, so no decision is ever taken twice. */
async function moveCommission(tx: EntityManager, row: CommissionEntity, from: CommissionState, set: Partial<CommissionEntity>): Promise<Result<CommissionEntity>> {
  if (row.state !== from) {
    return fail(UserErrorCode.INVALID_TRANSITION, `The commission is ${row.state}: only a ${from} commission can be ${from === CommissionState.PENDING ? 'reviewed' : 'paid'}`, 'id');
  }
  const result = await tx
    .createQueryBuilder()
    .update(CommissionEntity)
    .set({ ...set, version: () => 'version + 1' })
    .where('id = :id AND state = :from AND version = :version', { id: row.id, from, version: row.version })
    .execute();
  if (result.affected !== 1) return fail(UserErrorCode.VERSION_CONFLICT, 'The commission changed while you were saving', 'expectedVersion');
  return ok(await tx.getRepository(CommissionEntity).findOneByOrFail({ id: row.id }));
}

export const commissions = {
  /** 酬金审核: APPROVE, or REFUSE with a comment the partner sees. */
  async reviewCommission(ctx: Context, input: ReviewCommissionInput): Promise<Result<CommissionEntity>> {
    const errors = await validateInput(input);
    if (input.decision === CommissionDecision.REFUSE && !input.comment?.trim()) errors.push(userError(UserErrorCode.VALIDATION, 'Say why the commission is refused', 'comment'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockCommission(tx, ctx, input);
      if (!locked.ok) return locked;
      const approve = input.decision === CommissionDecision.APPROVE;
      return moveCommission(tx, locked.value, CommissionState.PENDING, {
        state: approve ? CommissionState.APPROVED : CommissionState.REFUSED,
        refusalReason: approve ? null : CommissionRefusalReason.REVIEW_REFUSED,
        refusalComment: approve ? locked.value.refusalComment : input.comment!.trim(),
        reviewedById: ctx.viewer.staffId,
        reviewedAt: new Date(),
      });
    });
  },

  /** 酬金发放: the payment of an APPROVED commission, once. */
  async recordCommissionPayment(ctx: Context, input: RecordCommissionPaymentInput): Promise<Result<CommissionEntity>> {
    const errors = await validateInput(input);
    const paidOn = input.paidOn ? isoDate(input.paidOn) : null;
    if (paidOn && paidOn > chinaDate()) errors.push(userError(UserErrorCode.VALIDATION, 'The payment date cannot be in the future', 'paidOn'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockCommission(tx, ctx, input);
      if (!locked.ok) return locked;
      const approvedOn = locked.value.reviewedAt ? chinaDate(locked.value.reviewedAt) : null;
      if (locked.value.state === CommissionState.APPROVED && approvedOn && paidOn! < approvedOn) {
        return fail(UserErrorCode.VALIDATION, `The payment date cannot be before the approval on ${approvedOn}`, 'paidOn');
      }
      return moveCommission(tx, locked.value, CommissionState.APPROVED, {
        state: CommissionState.PAID,
        paymentReference: input.paymentReference.trim(),
        paidOn: paidOn!,
        paidRecordedById: ctx.viewer.staffId,
      });
    });
  },

  /** 酬金比例: a new rate for a product line (admin); commissions already opened keep theirs. */
  async setCommissionRate(ctx: Context, input: SetCommissionRateInput): Promise<Result<CommissionRateEntity>> {
    if (!commissionPolicy.maySetRates(ctx.viewer)) throw forbidden('Only an administrator sets commission rates');
    const errors = await validateInput(input);
    if (input.ratePercent.startsWith('-') || toFen(input.ratePercent) > 10000n) errors.push(userError(UserErrorCode.VALIDATION, 'A rate is a percentage between 0 and 100', 'ratePercent'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const repo = tx.getRepository(CommissionRateEntity);
      return ok(await repo.save(repo.create({ productLine: input.productLine, ratePercent: input.ratePercent, setById: ctx.viewer.staffId })));
    });
  },
};
