import { isAdmin, Role, Viewer } from '../../platform/auth/viewer';
import { userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { CustomerGrade, ManagementLevel } from './customer.enums';

/*
 * 集团大客户经审批 (seed 002; DOMAIN.md: People and rules): a customer's
 * management level decides who owns it and who approves its opportunities,
 * and A1/A2 are the key accounts, so those change only through a request
 * decided by the leader above. Pure rules; reclassification.ts applies them.
 */

const KEY_GRADES: readonly CustomerGrade[] = [CustomerGrade.A1, CustomerGrade.A2];

export interface Classification {
  managementLevel: ManagementLevel;
  grade: CustomerGrade;
}

/** The seat that decides a change: the province leader for PROVINCE and A1/A2 (either side), else the city leader of the customer's city. */
export function reclassificationDecider(from: Classification, to: Partial<Classification>, regionPath: string): { role: Role; regionId: string } {
  const [province, city] = regionPath.split('/').filter(Boolean);
  const levels = [from.managementLevel, to.managementLevel];
  const grades = [from.grade, to.grade];
  const provincial = levels.includes(ManagementLevel.PROVINCE) || grades.some((grade) => grade != null && KEY_GRADES.includes(grade));
  return provincial || !city ? { role: Role.PROVINCE_LEADER, regionId: province } : { role: Role.CITY_LEADER, regionId: city };
}

/**
 * What `updateGroupCustomer` may not change directly: the management level,
 * or a grade to or from A1/A2 — unless an admin does it (recorded in the
 * history like any change). The error points at the request mutation.
 */
export function directReclassificationErrors(viewer: Viewer, before: Classification, after: Partial<Classification>): UserErrorValue[] {
  if (isAdmin(viewer)) return [];
  const errors: UserErrorValue[] = [];
  if (after.managementLevel != null && after.managementLevel !== before.managementLevel) {
    errors.push(userError(UserErrorCode.RECLASSIFICATION_REQUIRED, 'A management level changes only with the leader’s approval: use requestCustomerReclassification', 'managementLevel'));
  }
  if (after.grade != null && after.grade !== before.grade && (KEY_GRADES.includes(after.grade) || KEY_GRADES.includes(before.grade))) {
    errors.push(userError(UserErrorCode.RECLASSIFICATION_REQUIRED, 'A grade to or from A1/A2 changes only with the province leader’s approval: use requestCustomerReclassification', 'grade'));
  }
  return errors;
}
