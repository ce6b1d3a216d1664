import { compareDecimal } from '../../platform/graphql/scalars';
import { userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { opportunityRules } from './opportunity.config';
import { OpportunityCategory } from './opportunity.enums';
import { CompetitorInput, CreateOpportunityInput, ReportOpportunityInput } from './opportunity.inputs';

/**
 * The business checks on opportunity inputs that class-validator cannot state
 * (money, dates, the COMPETITOR line), shared by create, report, update and
 * incentives. Each pushes its user errors; the caller fails with all of them.
 */

/** An id that matches no row: an undecodable id in a filter or input finds nothing rather than everything. */
export const NO_UUID = '00000000-0000-0000-0000-000000000000';

/** A date input as YYYY-MM-DD (graphql-scalars parses dates to UTC midnight). */
export const isoDate = (date: Date) => date.toISOString().slice(0, 10);
export const today = () => isoDate(new Date());

/** Money checks of the bad-input rules: not negative, not absurd (opportunity.config.ts). */
export function checkAmount(value: string | null | undefined, field: string | string[], errors: UserErrorValue[]) {
  if (value == null) return;
  if (value.startsWith('-')) errors.push(userError(UserErrorCode.VALIDATION, 'Amount must not be negative', field));
  else if (compareDecimal(value, opportunityRules.maxEstimatedAmount) > 0) {
    errors.push(userError(UserErrorCode.VALIDATION, `Amount must not exceed ${opportunityRules.maxEstimatedAmount} CNY`, field));
  }
}

/** The fields a new opportunity has in common, created or reported, with their business checks. */
export function checkNewOpportunity(input: CreateOpportunityInput | ReportOpportunityInput, errors: UserErrorValue[]) {
  checkAmount(input.estimatedAmount, 'estimatedAmount', errors);
  if (input.expectedCloseDate && isoDate(input.expectedCloseDate) < today()) {
    errors.push(userError(UserErrorCode.VALIDATION, 'A new opportunity cannot be expected to close in the past', 'expectedCloseDate'));
  }
  if (input.category === OpportunityCategory.COMPETITOR) checkCompetitor(input.competitor, errors);
}

/** DOMAIN.md: a COMPETITOR opportunity carries the rival's carrier, product, monthly fee, bandwidth and contract expiry. */
export function checkCompetitor(competitor: CompetitorInput | null | undefined, errors: UserErrorValue[]) {
  if (!competitor) {
    errors.push(userError(UserErrorCode.VALIDATION, 'A COMPETITOR opportunity needs the rival’s line', 'competitor'));
    return;
  }
  const required: (keyof CompetitorInput)[] = ['carrier', 'product', 'monthlyFee', 'bandwidthMbps', 'contractExpiresOn'];
  for (const field of required) {
    const value = competitor[field];
    if (value == null || (typeof value === 'string' && value.trim() === '')) {
      errors.push(userError(UserErrorCode.VALIDATION, `${field} is required for a COMPETITOR opportunity`, ['competitor', field]));
    }
  }
  checkAmount(competitor.monthlyFee, ['competitor', 'monthlyFee'], errors);
}
