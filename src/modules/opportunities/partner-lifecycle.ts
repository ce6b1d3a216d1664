import { Field, ID, InputType } from 'type-graphql';
import { forgetViewer } from '../../platform/auth/viewer-cache';
import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, ok, Payload, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { organisationFacts } from '../organisation/organisation.sql';
import { partnerUsers } from '../organisation/organisation.service';
import { Partner } from '../organisation/organisation.types';
import type { PartnerEntity } from '../organisation/partner.entity';
import { partnerAdminPolicy } from './partner-admin.policy';

/*
 * Partners come and go (DOMAIN.md: People and rules): an admin, or the
 * 商机管理员 of the partner's city, deactivates a partner company — its
 * users are refused from their next request (organisation.service viewerFor
 * reads the partner's flag), its reports, registrations and commissions stay
 * as they are — and may let it back in.
 */

@InputType({ description: 'The partner company to deactivate or reactivate.' })
export class PartnerActiveInput {
  @Field(() => ID, { description: 'The partner.' })
  id!: string;
}

export const PartnerPayload = Payload(
  'PartnerPayload',
  'Result of deactivatePartner or reactivatePartner.',
  { partner: [() => Partner, 'The partner as it is now.'] },
  'Why nothing changed, if so (NOT_FOUND for a partner outside your city).',
);
export type PartnerPayload = InstanceType<typeof PartnerPayload>;

async function setActive(ctx: Context, input: PartnerActiveInput, active: boolean): Promise<Result<{ partner: PartnerEntity; users: string[] }>> {
  return inTransaction(ctx, async (tx) => {
    const partnerId = uuidOf(input.id, 'Partner');
    const partner = partnerId ? await partnerUsers.lockPartner(tx, partnerId) : null;
    const facts = partner ? await organisationFacts.partner(tx, partner.id) : null;
    // Another city's partner reads like an unknown one.
    if (!partner || !facts || !partnerAdminPolicy.mayAdministerPartner(ctx.viewer, facts.regionPath)) {
      if (!partnerAdminPolicy.managesPartners(ctx.viewer)) throw forbidden('Only an admin or the opportunity administrator of its city manages a partner');
      return fail(UserErrorCode.NOT_FOUND, 'Partner not found', 'id');
    }
    if (!(await partnerUsers.setPartnerActive(tx, partner.id, active))) return fail(UserErrorCode.INVALID_TRANSITION, `${partner.name} is already ${active ? 'active' : 'inactive'}`, 'id');
    return ok({ partner: Object.assign(partner, { active }), users: await partnerUsers.employeeNumbers(tx, partner.id) });
  });
}

export const partnerLifecycle = {
  async deactivate(ctx: Context, input: PartnerActiveInput): Promise<Result<PartnerEntity>> {
    const result = await setActive(ctx, input, false);
    // After commit: every user of the partner reads again on their next request, and is refused.
    if (result.ok) result.value.users.forEach(forgetViewer);
    return result.ok ? ok(result.value.partner) : result;
  },

  async reactivate(ctx: Context, input: PartnerActiveInput): Promise<Result<PartnerEntity>> {
    const result = await setActive(ctx, input, true);
    return result.ok ? ok(result.value.partner) : result;
  },
};
