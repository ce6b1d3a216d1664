import type { Context } from '../../platform/context';
import { inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import type { RiskRow } from './retention-engine';
import { retentionEngine } from './retention-engine';
import { retentionCases } from './retention-cases';
import { retentionReport } from './retention-report';
import type { RefreshRetentionInput } from './retention.inputs';
import { retentionPolicy } from './retention.policy';
import { CustomerSegment, RetentionRefresh, segmentOf, SegmentRule, SegmentRuleSet } from './retention.types';
import { riskQueries } from './risk-queries';
import { describeRule, segmentRules, SegmentRuleSetVersion } from './segment-rules';

/** The retention module's service: what the resolvers call, composed from one file per concern. */
export const retentionService = {
  atRisk: riskQueries.atRisk,
  proposals: riskQueries.proposals,
  cases: retentionCases.list,
  openCase: retentionCases.open,
  logAction: retentionCases.logAction,
  closeCase: retentionCases.close,
  report: retentionReport,
  segmentRules: segmentRules.read,
  updateSegmentRules: segmentRules.update,

  segmentRuleSet(version: SegmentRuleSetVersion): SegmentRuleSet {
    return Object.assign(new SegmentRuleSet(), {
      version: version.version,
      rules: version.rules.map((rule) => SegmentRule.from(rule, describeRule(rule))),
      changedAt: version.changedAt,
      note: version.note,
      changedByUuid: version.changedById,
    });
  },

  /** The customer's segment, named by the rule version that placed it. */
  async segmentOf(ctx: Context, row: RiskRow | null): Promise<CustomerSegment | null> {
    if (!row?.segmentVersion) return null;
    return segmentOf(row, await segmentRules.version(ctx, row.segmentVersion), describeRule);
  },

  /** The refresh job on demand (admin): listed customers in one transaction, or all of them batch by batch. */
  async refresh(ctx: Context, input: RefreshRetentionInput): Promise<Result<RetentionRefresh>> {
    if (!retentionPolicy.mayAdminister(ctx.viewer)) throw forbidden('Only an administrator refreshes the retention state');
    const errors = await validateInput(input);
    if (errors.length) return failMany(errors);
    if (input.customerIds?.length) {
      const ids = input.customerIds.map((id) => uuidOf(id, 'GroupCustomer'));
      const bad = ids.findIndex((id) => !id);
      if (bad >= 0) return fail(UserErrorCode.NOT_FOUND, 'Customer not found', ['customerIds', String(bad)]);
      return inTransaction(ctx, async (tx) => {
        const customers = await retentionEngine.store(tx, [...new Set(ids as string[])]);
        return ok(Object.assign(new RetentionRefresh(), { customers, computedAt: new Date() }));
      });
    }
    const done = await retentionEngine.refreshAll(ctx.db, { log: ctx.log });
    if (!done) return failMany([userError(UserErrorCode.INVALID_TRANSITION, 'A refresh is already running; its result will be there shortly')]);
    return ok(Object.assign(new RetentionRefresh(), done));
  },
};
