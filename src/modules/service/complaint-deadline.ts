import { CustomerGrade } from '../customers/customer.enums';
import type { ServiceRuleValues } from '../rules/sections/service.rules';
import { ComplaintSeverity } from './service.enums';

/** DOMAIN.md: Service quality — A1/A2 customers' complaints get the shorter deadline (halved by default). */
export const KEY_ACCOUNT_GRADES: readonly CustomerGrade[] = [CustomerGrade.A1, CustomerGrade.A2];

/** Hours a complaint of this severity from a customer of this grade has to be resolved, under `rules`. */
export function complaintDeadlineHours(rules: ServiceRuleValues, severity: ComplaintSeverity, grade: CustomerGrade | 'KEY_ACCOUNT' | 'OTHER'): number {
  const hours = { [ComplaintSeverity.CRITICAL]: rules.criticalComplaintHours, [ComplaintSeverity.MAJOR]: rules.majorComplaintHours, [ComplaintSeverity.MINOR]: rules.minorComplaintHours }[severity];
  return grade === 'KEY_ACCOUNT' || KEY_ACCOUNT_GRADES.includes(grade as CustomerGrade) ? hours * rules.keyAccountDeadlineFactor : hours;
}
