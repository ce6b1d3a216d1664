import { forgetViewer } from '../../platform/auth/viewer-cache';
import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { organisationFacts } from '../organisation/organisation.sql';
import { partnerUsers } from '../organisation/organisation.service';
import type { StaffEntity } from '../organisation/staff.entity';
import { CreatePartnerUserInput, DeactivatePartnerUserInput } from './money.inputs';
import { partnerAdminPolicy } from './partner-admin.policy';

/*
 * 商机管理员 assigns and withdraws partner accounts (seed: 各地市商机管理员为第三方
 * 合作伙伴分配商机管理账号): users of the partners of their city, created and
 * deactivated through organisation.service's partnerUsers. A deactivated
 * user is refused from their next request on: the viewer caches forget them
 * once the deactivation has committed.
 */
export const partnerAccounts = {
  async createPartnerUser(ctx: Context, input: CreatePartnerUserInput): Promise<Result<StaffEntity>> {
    const errors = await validateInput(input);
    if (errors.length) return failMany(errors);
    const employeeTaken = userError(UserErrorCode.ALREADY_EXISTS, `Employee number ${input.employeeNo} is already taken`, 'employeeNo');
    return inTransaction(
      ctx,
      async (tx) => {
        const partnerId = uuidOf(input.partnerId, 'Partner');
        const partner = partnerId ? await organisationFacts.partner(tx, partnerId) : null;
        // Another city's partner reads like an unknown one.
        if (!partner || !partnerAdminPolicy.mayAdministerPartner(ctx.viewer, partner.regionPath)) {
          if (!partnerAdminPolicy.managesPartners(ctx.viewer)) throw forbidden('Only an opportunity administrator or an admin manages partner accounts');
          return fail(UserErrorCode.NOT_FOUND, 'Partner not found', 'partnerId');
        }
        if (!partner.active) return fail(UserErrorCode.VALIDATION, 'The partner is inactive', 'partnerId');
        const created = await partnerUsers.create(tx, { partnerId: partner.id, employeeNo: input.employeeNo, name: input.name });
        return created ? ok(created) : failMany([employeeTaken]);
      },
      { uq_staff_employee_no: employeeTaken },
    );
  },

  async deactivatePartnerUser(ctx: Context, input: DeactivatePartnerUserInput): Promise<Result<StaffEntity>> {
    const result = await inTransaction(ctx, async (tx) => {
      const staffId = uuidOf(input.id, 'Staff');
      const user = staffId ? await partnerUsers.lock(tx, staffId) : null;
      const partner = user ? await organisationFacts.partner(tx, user.partnerId!) : null;
      if (!user || !partner || !partnerAdminPolicy.mayAdministerPartner(ctx.viewer, partner.regionPath)) {
        if (!partnerAdminPolicy.managesPartners(ctx.viewer)) throw forbidden('Only an opportunity administrator or an admin manages partner accounts');
        return fail(UserErrorCode.NOT_FOUND, 'Partner user not found', 'id');
      }
      if (!(await partnerUsers.deactivate(tx, user.id))) return fail(UserErrorCode.INVALID_TRANSITION, `User ${user.employeeNo} is already inactive`, 'id');
      return ok(Object.assign(user, { active: false }));
    });
    // After commit: their next request reads them again and is refused.
    if (result.ok) forgetViewer(result.value.employeeNo);
    return result;
  },
};
