import { badInput } from '../../platform/graphql/errors';
import { isoDate } from './input-checks';
import { PeriodInput } from './money.inputs';

/** Longest period a report covers, in days (three years). */
const MAX_PERIOD_DAYS = 1096;

/** A report period as China dates, both ends included; refused as BAD_USER_INPUT when backwards or too long. */
export function reportPeriod(period: PeriodInput): { from: string; to: string } {
  const from = isoDate(period.from);
  const to = isoDate(period.to);
  if (to < from) throw badInput('The period ends before it starts');
  if ((period.to.getTime() - period.from.getTime()) / 86_400_000 > MAX_PERIOD_DAYS) throw badInput(`A period covers at most ${MAX_PERIOD_DAYS} days`);
  return { from, to };
}

/** `timestampExpression` falls on a China day inside the period (parameters :periodFrom, :periodTo). */
export const inPeriod = (timestampExpression: string) => `(${timestampExpression} AT TIME ZONE 'Asia/Shanghai')::date BETWEEN CAST(:periodFrom AS date) AND CAST(:periodTo AS date)`;
