import { EntityManager } from 'typeorm';
import { Role } from '../../platform/auth/viewer';
import { uuidOf } from '../../platform/graphql/node-id';
import { failMany, ok, Result, userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { ManagementLevel } from '../customers/customer.enums';
import type { CustomerFacts } from '../customers/customer.sql';
import { organisationFacts, StaffFacts } from '../organisation/organisation.sql';
import { NO_UUID } from './input-checks';
import { OpportunityEntity } from './opportunity.entity';
import { DecideApprovalInput } from './opportunity.inputs';

/** Who may own an opportunity, by the customer's management level (DOMAIN.md: Ownership). */
const OWNER_ROLES: Record<ManagementLevel, Role[]> = {
  PROVINCE: [Role.INDUSTRY_MANAGER],
  CITY: [Role.ACCOUNT_MANAGER],
  COUNTY: [Role.GRID_MANAGER, Role.ACCOUNT_MANAGER],
};

/**
 * PROVINCE customers are owned by a provincial industry manager, CITY ones by
 * a city account manager, the others by a grid (or county account) manager
 * — in each case one who works in the customer's city (DOMAIN.md: Ownership).
 */
export function ownershipProblem(owner: StaffFacts | undefined, customer: CustomerFacts): string | null {
  if (!owner || !owner.active || owner.partnerId) return 'The owner must be an active member of our staff';
  const roles = OWNER_ROLES[customer.managementLevel as ManagementLevel];
  if (!owner.roles.some((role) => roles.includes(role))) return `A ${customer.managementLevel}-managed customer is owned by a ${roles.join(' or ')}`;
  const [, ownerCity] = owner.regionPath.split('/').filter(Boolean);
  const [, customerCity] = customer.regionPath.split('/').filter(Boolean);
  if (customer.managementLevel !== ManagementLevel.PROVINCE && ownerCity !== customerCity) return `${owner.name} does not work in the customer's city`;
  return null;
}

/** The last approval assigns owner (default: the customer's account manager), followers and support resources. */
export async function assignment(tx: EntityManager, input: DecideApprovalInput, customer: CustomerFacts, opportunity: OpportunityEntity): Promise<Result<Partial<OpportunityEntity>>> {
  const errors: UserErrorValue[] = [];
  const ownerId = input.ownerId != null ? uuidOf(input.ownerId, 'Staff') : (customer.accountManagerId ?? (opportunity.partnerId ? null : opportunity.reporterId));
  const followerIds = (input.followerIds ?? []).map((id) => uuidOf(id, 'Staff'));
  const people = await organisationFacts.staff(tx, [ownerId ?? NO_UUID, ...followerIds.map((id) => id ?? NO_UUID)]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const owner = ownerId ? byId.get(ownerId) : undefined;
  const ownerProblem = ownershipProblem(owner, customer);
  if (ownerProblem) errors.push(userError(UserErrorCode.VALIDATION, ownerProblem, 'ownerId'));
  followerIds.forEach((id, index) => {
    const follower = id ? byId.get(id) : undefined;
    if (!follower || !follower.active || follower.partnerId) errors.push(userError(UserErrorCode.VALIDATION, 'Followers must be active staff', ['followerIds', String(index)]));
  });
  if (errors.length) return failMany(errors);
  return ok({
    ownerId: owner!.id,
    followerIds: [...new Set(followerIds as string[])],
    supportResources: (input.supportResources ?? []).map((s) => s.trim()).filter(Boolean),
  });
}
