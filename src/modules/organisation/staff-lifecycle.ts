import { EntityManager } from 'typeorm';
import { LEADER_ROLES, Role } from '../../platform/auth/viewer';
import { forgetViewer } from '../../platform/auth/viewer-cache';
import { Context, inTransaction } from '../../platform/context';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { organisationFacts, StaffFacts } from './organisation.sql';
import { organisationPolicy } from './organisation.policy';
import { ROLE_LEVEL } from './organisation.service';
import { RegionEntity } from './region.entity';
import { handoverParticipants, HandoverCounts, HandoverSuccessors, NO_HANDOVER } from './staff-handover';
import { DeactivateStaffInput, ReactivateStaffInput, UpdateStaffInput } from './staff-lifecycle.types';
import { staffDirectory } from './staff-directory';
import { StaffEntity } from './staff.entity';

/*
 * Staff come and go (DOMAIN.md: People and rules): an admin changes a
 * user's name, roles and region, deactivates a leaver — handing over, in the
 * same transaction, everything they hold (staff-handover.ts) — and lets them
 * back in. Every change to who a user is evicts them from this process's
 * viewer caches once committed; other instances notice within a second
 * (MAX_VIEWER_CACHE_MS).
 */

/** The user `globalId` names, locked against a concurrent change (the second of two racing handovers waits, then finds them inactive). */
async function lockStaff(tx: EntityManager, globalId: string): Promise<StaffEntity | null> {
  const id = uuidOf(globalId, 'Staff');
  return id ? tx.getRepository(StaffEntity).createQueryBuilder('s').where('s.id = :id', { id }).setLock('pessimistic_write').getOne() : null;
}

/** A named successor: an active member of our own staff other than the leaver. */
async function successor(tx: EntityManager, leaver: StaffEntity, globalId: string | null | undefined, field: string): Promise<Result<StaffFacts | null>> {
  if (globalId == null) return ok(null);
  const id = uuidOf(globalId, 'Staff');
  const [person] = id ? await organisationFacts.staff(tx, [id]) : [];
  if (!person || person.partnerId) return fail(UserErrorCode.NOT_FOUND, 'Successor not found', ['handover', field]);
  if (person.id === leaver.id) return fail(UserErrorCode.VALIDATION, 'The leaver cannot succeed themselves', ['handover', field]);
  if (!person.active) return fail(UserErrorCode.HANDOVER_REFUSED, `${person.name} is inactive and cannot take anything over`, ['handover', field]);
  return ok(person);
}

export const staffLifecycle = {
  async update(ctx: Context, input: UpdateStaffInput): Promise<Result<StaffEntity>> {
    organisationPolicy.assertCanAdminister(ctx.viewer);
    const invalid = await validateInput(input);
    if (invalid.length) return failMany(invalid);
    const result = await inTransaction(ctx, async (tx) => {
      const staff = await lockStaff(tx, input.id);
      if (!staff) return fail(UserErrorCode.NOT_FOUND, 'User not found', 'id');
      let region = await tx.getRepository(RegionEntity).findOneByOrFail({ id: staff.regionId });
      if (input.regionId != null) {
        const regionId = uuidOf(input.regionId, 'Region');
        const found = regionId ? await tx.getRepository(RegionEntity).findOneBy({ id: regionId }) : null;
        if (!found) return fail(UserErrorCode.NOT_FOUND, 'Region not found', 'regionId');
        region = found;
      }
      const roles = new Set(input.roles ?? staff.roles);
      const industry = input.industry !== undefined && input.industry !== null ? input.industry : staff.industry;
      for (const role of roles) {
        const level = ROLE_LEVEL[role];
        if (level && level !== region.level) return fail(UserErrorCode.VALIDATION, `${role} must belong to a ${level} region, not a ${region.level}`, input.roles ? 'roles' : 'regionId');
      }
      if (roles.has(Role.INDUSTRY_MANAGER) && !industry) return fail(UserErrorCode.VALIDATION, 'An industry manager needs an industry', 'industry');
      // A partner's user stays one: PARTNER alone, and only for them.
      if (staff.partnerId ? roles.size !== 1 || !roles.has(Role.PARTNER) : roles.has(Role.PARTNER)) {
        return fail(UserErrorCode.VALIDATION, staff.partnerId ? 'A partner user holds the PARTNER role only' : 'Only a partner’s users hold the PARTNER role', 'roles');
      }
      if (staff.id === ctx.viewer.staffId && !roles.has(Role.ADMIN)) return fail(UserErrorCode.VALIDATION, 'You cannot take the ADMIN role from yourself', 'roles');
      await tx
        .getRepository(StaffEntity)
        .update(
          { id: staff.id },
          { name: input.name != null ? input.name.trim() : staff.name, roles: [...roles], regionId: region.id, industry: roles.has(Role.INDUSTRY_MANAGER) ? industry : (industry ?? null) },
        );
      return ok(await tx.getRepository(StaffEntity).findOneByOrFail({ id: staff.id }));
    });
    // Roles and region bite from the next request (STYLE.md: side effects after commit).
    if (result.ok) {
      forgetViewer(result.value.employeeNo);
      staffDirectory.forget(ctx.db);
    }
    return result;
  },

  /**
   * 离职: deactivates the user and hands every customer, open opportunity,
   * pending approval step and delegation of theirs to the named successors,
   * all or nothing. Two admins handing over the same person at once: the
   * second waits on the lock and finds them inactive.
   */
  async deactivate(ctx: Context, input: DeactivateStaffInput): Promise<Result<{ staff: StaffEntity; handover: HandoverCounts }>> {
    organisationPolicy.assertCanAdminister(ctx.viewer);
    const result = await inTransaction(ctx, async (tx) => {
      const staff = await lockStaff(tx, input.id);
      if (!staff) return fail(UserErrorCode.NOT_FOUND, 'User not found', 'id');
      if (!staff.active) return fail(UserErrorCode.INVALID_TRANSITION, `${staff.name} (${staff.employeeNo}) is already inactive`, 'id');
      if (staff.id === ctx.viewer.staffId) return fail(UserErrorCode.VALIDATION, 'You cannot deactivate yourself', 'id');
      const successors: Partial<HandoverSuccessors> = {};
      for (const field of ['customersTo', 'opportunitiesTo', 'approvalsTo'] as const) {
        const found = await successor(tx, staff, input.handover?.[field], field);
        if (!found.ok) return found;
        successors[field] = found.value;
      }
      if (successors.approvalsTo && !successors.approvalsTo.roles.some((role) => LEADER_ROLES.includes(role as Role))) {
        return fail(UserErrorCode.HANDOVER_REFUSED, `${successors.approvalsTo.name} is not a leader and cannot decide approvals`, ['handover', 'approvalsTo']);
      }
      await tx.getRepository(StaffEntity).update({ id: staff.id }, { active: false });
      const [leaver] = await organisationFacts.staff(tx, [staff.id]);
      const handover: HandoverCounts = { ...NO_HANDOVER };
      for (const participant of handoverParticipants()) {
        const moved = await participant.handOver(tx, ctx, leaver, successors as HandoverSuccessors);
        if (!moved.ok) return moved;
        for (const [kind, count] of Object.entries(moved.value) as [keyof HandoverCounts, number][]) handover[kind] += count;
      }
      return ok({ staff: Object.assign(staff, { active: false }), handover });
    });
    // After commit: the leaver's next request reads them again and is refused.
    if (result.ok) {
      forgetViewer(result.value.staff.employeeNo);
      staffDirectory.forget(ctx.db);
    }
    return result;
  },

  async reactivate(ctx: Context, input: ReactivateStaffInput): Promise<Result<StaffEntity>> {
    organisationPolicy.assertCanAdminister(ctx.viewer);
    const result = await inTransaction(ctx, async (tx) => {
      const staff = await lockStaff(tx, input.id);
      if (!staff) return fail(UserErrorCode.NOT_FOUND, 'User not found', 'id');
      if (staff.active) return fail(UserErrorCode.INVALID_TRANSITION, `${staff.name} (${staff.employeeNo}) is already active`, 'id');
      await tx.getRepository(StaffEntity).update({ id: staff.id }, { active: true });
      return ok(Object.assign(staff, { active: true }));
    });
    if (result.ok) staffDirectory.forget(ctx.db);
    return result;
  },
};
