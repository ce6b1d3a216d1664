import type { Context } from '../../platform/context';
import { inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { byIds } from '../../platform/sql';
import { customerFacts, customerSql } from '../customers/customer.sql';
import { organisationSql } from '../organisation/organisation.sql';
import { SatisfactionSurveyEntity } from './satisfaction-survey.entity';
import type { RecordSatisfactionInput } from './satisfaction.types';
import { SatisfactionGrouping } from './service.enums';
import { currentPeriod, ServicePeriod, servicePeriod } from './service-period';
import { servicePolicy } from './service.policy';

/*
 * 满意度 — one survey score (1–10) per customer and period (DOMAIN.md:
 * Service quality); a second for the same period needs `replace`. The
 * report averages the scores by region or grade against the target in the
 * business rules.
 */

export interface SatisfactionRow {
  key: string;
  surveyed: number;
  average: number;
}

const ALREADY = (period: string) => userError(UserErrorCode.ALREADY_EXISTS, `This customer already has a satisfaction score for ${period}; pass replace: true to replace it`, 'period');

export const satisfaction = {
  async record(ctx: Context, input: RecordSatisfactionInput): Promise<Result<SatisfactionSurveyEntity>> {
    const errors = await validateInput(input);
    if (errors.length) return failMany(errors);
    const period = servicePeriod(input.period);
    if (period.fromDate > currentPeriod(new Date()).fromDate) return fail(UserErrorCode.VALIDATION, 'A period is surveyed once it has begun', 'period');
    return inTransaction(
      ctx,
      async (tx) => {
        const customerId = uuidOf(input.customerId, 'GroupCustomer');
        const can = customerId
          ? await customerFacts.check(tx, customerId, { readable: (a) => servicePolicy.read(a, ctx.viewer), serves: (a) => servicePolicy.serve(a, ctx.viewer) })
          : { readable: false, serves: false };
        if (!customerId || !can.readable) return fail(UserErrorCode.NOT_FOUND, 'Customer not found', 'customerId');
        if (!can.serves) throw forbidden('Satisfaction is recorded by those who keep the customer and leaders over it');
        const values = [customerId, period.key, input.score, input.note?.trim() || null, ctx.viewer.staffId];
        const [row] = input.replace
          ? await tx.query(
              `INSERT INTO satisfaction_survey (customer_id, period, score, note, recorded_by_id) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (customer_id, period) DO UPDATE SET score = EXCLUDED.score, note = EXCLUDED.note, recorded_by_id = EXCLUDED.recorded_by_id, recorded_at = now() RETURNING id`,
              values,
            )
          : await tx.query(`INSERT INTO satisfaction_survey (customer_id, period, score, note, recorded_by_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`, values);
        if (!row) return failMany([ALREADY(period.key)]);
        return ok(await tx.getRepository(SatisfactionSurveyEntity).findOneByOrFail({ id: row.id }));
      },
      { uq_satisfaction_survey_period: ALREADY(period.key) },
    );
  },

  async byIds(ctx: Context, ids: readonly string[]): Promise<(SatisfactionSurveyEntity | null)[]> {
    const scope = customerSql.exists('s.customer_id', 'sc', servicePolicy.read('sc', ctx.viewer));
    return byIds(
      await ctx.db
        .getRepository(SatisfactionSurveyEntity)
        .createQueryBuilder('s')
        .where('s.id IN (:...ids)', { ids: [...ids] })
        .andWhere(scope.sql, scope.params)
        .getMany(),
      ids,
    );
  },

  /** Each customer's survey of the period (customers already read in scope). */
  async ofCustomers(ctx: Context, customerIds: readonly string[], period: ServicePeriod): Promise<(SatisfactionSurveyEntity | null)[]> {
    if (!servicePolicy.mayReadReports(ctx.viewer)) return customerIds.map(() => null);
    const rows = await ctx.db
      .getRepository(SatisfactionSurveyEntity)
      .createQueryBuilder('s')
      .where('s.customer_id IN (:...ids) AND s.period = :period', { ids: [...customerIds], period: period.key })
      .getMany();
    return customerIds.map((id) => rows.find((r) => r.customerId === id) ?? null);
  },

  /** 满意度报表 — the average score of the viewer's customers surveyed in the period, grouped. */
  async report(ctx: Context, period: ServicePeriod, by: SatisfactionGrouping): Promise<SatisfactionRow[]> {
    if (!servicePolicy.mayReadReports(ctx.viewer)) throw forbidden('Partners do not read service reports');
    const scope = servicePolicy.read('c', ctx.viewer);
    const depth = ctx.viewer.regionPath.split('/').filter(Boolean).length;
    const key = by === SatisfactionGrouping.GRADE ? 'cust.grade::text' : `coalesce(nullif(split_part(cust.region_path, '/', ${depth + 2}), ''), split_part(cust.region_path, '/', ${depth + 1}))`;
    const sql = `WITH cust AS MATERIALIZED (${customerSql.select('c', `c.id, c.grade, ${organisationSql.regionPath('c.region_id')} AS region_path`, scope.sql)})
      SELECT ${key} AS key, count(*)::int AS surveyed, avg(s.score)::float8 AS average
      FROM satisfaction_survey s JOIN cust ON cust.id = s.customer_id WHERE s.period = :surveyPeriod GROUP BY 1 ORDER BY 1`;
    const [query, values] = ctx.db.driver.escapeQueryWithParameters(sql, { ...scope.params, surveyPeriod: period.key });
    return ctx.db.query(query, values);
  },
};
