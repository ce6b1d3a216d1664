import { followThroughRules } from './follow-through.config';

/** A calendar day (YYYY-MM-DD) where the business is: "not in the future" and due dates are China's days, not UTC's. */
export function businessToday(now = new Date(), timeZone = followThroughRules.timeZone): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
