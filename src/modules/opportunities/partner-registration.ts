import { createHash } from 'node:crypto';
import { businessRules } from '../rules/business-rules';
import { isPartner } from '../../platform/auth/viewer';
import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { customerService } from '../customers/customer.service';
import { customerFacts } from '../customers/customer.sql';
import { Industry } from '../organisation/industry';
import { organisationFacts } from '../organisation/organisation.sql';
import { checkNewOpportunity, isoDate } from './input-checks';
import { activeRegistrations, lockCustomerRegistrations, newOpportunity, nextCode } from './new-opportunity';
import { OpportunitySource, OpportunityStage, RegistrationOutcome } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';
import { record } from './opportunity.transitions';
import { ReportOpportunityInput } from './opportunity.inputs';
import { PartnerReportRequestEntity } from './partner-report-request.entity';
import { RegistrationAttemptEntity } from './registration-attempt.entity';

/*
 * 商机报备 — partner registration (DOMAIN.md: Partner registration): a
 * partner's report is created and submitted at once, idempotent per key, and
 * refused as 撞单 while another registration protects the customer and
 * product line. Every attempt is kept: commission.ts reads them for 酬金.
 */

function hashReport(input: ReportOpportunityInput): string {
  // The normalised input without the key: the same report retried hashes the same.
  const normalised = {
    customerId: input.customerId ?? null,
    customer: input.customer ? { creditCode: input.customer.creditCode.trim().toUpperCase(), name: input.customer.name.trim(), industry: input.customer.industry ?? null } : null,
    title: input.title.trim(),
    category: input.category,
    products: [...input.products].sort(),
    estimatedAmount: input.estimatedAmount,
    expectedCloseDate: isoDate(input.expectedCloseDate),
    description: input.description?.trim() || null,
    competitor: input.competitor
      ? {
          carrier: input.competitor.carrier ?? null,
          product: input.competitor.product?.trim() ?? null,
          monthlyFee: input.competitor.monthlyFee ?? null,
          bandwidthMbps: input.competitor.bandwidthMbps ?? null,
          contractExpiresOn: input.competitor.contractExpiresOn ? isoDate(input.competitor.contractExpiresOn) : null,
        }
      : null,
  };
  return createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
}

const duplicateError = (code: string) => userError(UserErrorCode.DUPLICATE_OPPORTUNITY, `撞单: ${code} already registers this customer and product line inside its protection window`, 'products');

type ReportOutcome = { opportunity: OpportunityEntity } | { refusedBecauseOf: string };

export const partnerRegistration = {
  /**
   * 商机报备 by a partner: created and submitted in one step. Idempotent per
   * (partner, key); refused with DUPLICATE_OPPORTUNITY while another
   * registration protects the customer and product line, the refusal kept
   * as a registration attempt (DOMAIN.md: Partner registration).
   */
  async report(ctx: Context, input: ReportOpportunityInput): Promise<Result<OpportunityEntity>> {
    const partnerId = ctx.viewer.partnerId;
    if (!isPartner(ctx.viewer) || !partnerId) throw forbidden('Only partners report opportunities through the partner portal');
    const errors = await validateInput(input);
    checkNewOpportunity(input, errors);
    if ((input.customerId == null) === (input.customer == null))
      errors.push(userError(UserErrorCode.VALIDATION, 'Name the customer by `customerId` or by `customer { creditCode name }`, not both', 'customerId'));
    if (errors.length) return failMany(errors);
    const key = input.idempotencyKey;
    const hash = hashReport(input);
    const outcome = await inTransaction<ReportOutcome>(
      ctx,
      async (tx) => {
        // Two racing retries of one key queue here; the second then finds the first's record.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`group-crm:report:${partnerId}:${key}`]);
        const previous = await tx.getRepository(PartnerReportRequestEntity).findOne({ where: { partnerId, idempotencyKey: key }, relations: { attempt: { opportunity: true, collidedWith: true } } });
        if (previous) {
          if (previous.inputHash !== hash) return fail(UserErrorCode.IDEMPOTENCY_MISMATCH, 'This idempotency key was already used with different input', 'idempotencyKey');
          const attempt = previous.attempt!;
          return ok(attempt.opportunity ? { opportunity: attempt.opportunity } : { refusedBecauseOf: attempt.collidedWith!.code });
        }
        let customerId: string;
        if (input.customerId != null) {
          const uuid = uuidOf(input.customerId, 'GroupCustomer');
          const known = uuid ? await customerFacts.exists(tx, uuid) : false;
          if (!known) return fail(UserErrorCode.VALIDATION, 'Unknown customer', 'customerId');
          customerId = uuid!;
        } else {
          // Inside the transaction's own connection: racing reports must not wait on the pool for a second one.
          const partner = (await organisationFacts.partner(tx, partnerId))!;
          const prospect = await customerService.findOrCreateProspect(tx, ctx, {
            name: input.customer!.name,
            creditCode: input.customer!.creditCode,
            regionId: partner.regionId,
            industry: input.customer!.industry ?? Industry.OTHER,
          });
          if (!prospect.ok) return prospect;
          customerId = prospect.value.id;
        }
        await lockCustomerRegistrations(tx, customerId);
        const [existing] = await activeRegistrations(tx, customerId, input.products);
        const rules = await businessRules.inForce(tx);
        const attempts = tx.getRepository(RegistrationAttemptEntity);
        const requests = tx.getRepository(PartnerReportRequestEntity);
        if (existing) {
          const attempt = await attempts.save(
            attempts.create({
              partnerId,
              reporterId: ctx.viewer.staffId,
              customerId,
              products: input.products,
              outcome: RegistrationOutcome.REFUSED_DUPLICATE,
              opportunityId: null,
              collidedWithId: existing.id,
              protectedUntil: null,
              ruleVersion: rules.version,
            }),
          );
          await requests.insert({ partnerId, idempotencyKey: key, inputHash: hash, attemptId: attempt.id });
          return ok({ refusedBecauseOf: existing.code });
        }
        const repo = tx.getRepository(OpportunityEntity);
        const saved = await repo.save(
          repo.create({
            code: await nextCode(tx),
            ...newOpportunity(ctx, input, OpportunityStage.SUBMITTED, rules),
            customerId,
            source: OpportunitySource.PARTNER,
            partnerId,
          }),
        );
        const attempt = await attempts.save(
          attempts.create({
            partnerId,
            reporterId: ctx.viewer.staffId,
            customerId,
            products: input.products,
            outcome: RegistrationOutcome.ACCEPTED,
            opportunityId: saved.id,
            collidedWithId: null,
            at: saved.registeredAt,
            protectedUntil: saved.protectedUntil,
            ruleVersion: rules.version,
          }),
        );
        await requests.insert({ partnerId, idempotencyKey: key, inputHash: hash, attemptId: attempt.id });
        await record(tx, ctx, saved.id, { action: 'REPORT', fromStage: null, toStage: OpportunityStage.SUBMITTED });
        return ok({ opportunity: saved });
      },
      {
        uq_group_customer_credit_code: userError(UserErrorCode.VERSION_CONFLICT, 'Someone registered this credit code at the same moment; retry', ['customer', 'creditCode']),
        uq_partner_report_request_key: userError(UserErrorCode.VERSION_CONFLICT, 'A report with this idempotency key was being saved at the same moment; retry', 'idempotencyKey'),
      },
    );
    if (!outcome.ok) return outcome;
    // The refusal was committed (the attempt is kept for audit) and is answered as the user error it is.
    if ('refusedBecauseOf' in outcome.value) return failMany([duplicateError(outcome.value.refusedBecauseOf)]);
    return ok(outcome.value.opportunity);
  },
};
