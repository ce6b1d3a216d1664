import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../platform/context';
import { toPayload } from '../../platform/graphql/user-error';
import { Partner } from '../organisation/organisation.types';
import { PartnerActiveInput, partnerLifecycle, PartnerPayload } from './partner-lifecycle';

@Resolver()
export class PartnerLifecycleResolver {
  @Mutation(() => PartnerPayload, {
    description: '停用合作伙伴 — deactivate a partner company (admin, or the 商机管理员 of its city): its users are refused from their next request; its reports and registrations stay.',
  })
  async deactivatePartner(@Arg('input') input: PartnerActiveInput, @Ctx() ctx: Context): Promise<PartnerPayload> {
    return toPayload(await partnerLifecycle.deactivate(ctx, input), 'partner', Partner.from);
  }

  @Mutation(() => PartnerPayload, { description: 'Let a deactivated partner company report again (admin, or the 商机管理员 of its city); its active users sign in again.' })
  async reactivatePartner(@Arg('input') input: PartnerActiveInput, @Ctx() ctx: Context): Promise<PartnerPayload> {
    return toPayload(await partnerLifecycle.reactivate(ctx, input), 'partner', Partner.from);
  }
}
