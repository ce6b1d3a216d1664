import { EntityManager } from 'typeorm';
import { isAdmin, isPartner } from '../../platform/auth/viewer';
import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { normaliseDecimal } from '../../platform/graphql/scalars';
import { failMany, ok, Result, userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { SegmentRuleSetEntity, SegmentRuleValue } from './segment-rule-set.entity';
import type { UpdateSegmentRulesInput } from './retention.inputs';
import DataLoader from 'dataloader';

/*
 * 客户细分 by rules held as data (DOMAIN.md: Retention — value
 * segmentation): an ordered list, versioned like the business rules; the
 * first rule a customer matches is its segment. The inputs (revenue level,
 * 6-month growth, product lines in service) are computed with the risk
 * (retention-engine.ts) and stored beside it, so a new version re-segments
 * every customer in its own transaction.
 */

export interface SegmentRuleSetVersion {
  version: number;
  rules: SegmentRuleValue[];
  changedById: string | null;
  changedAt: Date;
  note: string | null;
}

const MAX_RULES = 30;

/**
 * The first rule of `:segmentRules` (a jsonb array) that the values match:
 * a SELECT of code and position (1-based) for a LATERAL join.
 */
export function segmentMatch(revenue: string, growthPercent: string, productLines: string): string {
  const bound = (key: string, op: string, value: string, type: string) => `(x.rule->>'${key}' IS NULL OR ${value} ${op} (x.rule->>'${key}')::${type})`;
  return `SELECT x.rule->>'code' AS code, x.position::int AS position
    FROM jsonb_array_elements(CAST(:segmentRules AS jsonb)) WITH ORDINALITY AS x(rule, position)
    WHERE ${bound('minRevenue', '>=', revenue, 'numeric')} AND ${bound('maxRevenue', '<=', revenue, 'numeric')}
      AND ${bound('minGrowthPercent', '>=', growthPercent, 'numeric')} AND ${bound('maxGrowthPercent', '<=', growthPercent, 'numeric')}
      AND ${bound('minProductLines', '>=', productLines, 'int')} AND ${bound('maxProductLines', '<=', productLines, 'int')}
    ORDER BY x.position LIMIT 1`;
}

/** How a rule reads: "revenue ≥ 100,000.00 and growth ≥ 10%"; "every customer" without conditions. */
export function describeRule(rule: SegmentRuleValue): string {
  const money = (value: string) => Number(value).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const parts = [
    rule.minRevenue != null ? `revenue ≥ ${money(rule.minRevenue)}` : null,
    rule.maxRevenue != null ? `revenue ≤ ${money(rule.maxRevenue)}` : null,
    rule.minGrowthPercent != null ? `6-month growth ≥ ${rule.minGrowthPercent}%` : null,
    rule.maxGrowthPercent != null ? `6-month growth ≤ ${rule.maxGrowthPercent}%` : null,
    rule.minProductLines != null ? `product lines in service ≥ ${rule.minProductLines}` : null,
    rule.maxProductLines != null ? `product lines in service ≤ ${rule.maxProductLines}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' and ') : 'every customer';
}

function fromEntity(entity: SegmentRuleSetEntity): SegmentRuleSetVersion {
  return { version: entity.version, rules: entity.rules, changedById: entity.changedById, changedAt: entity.changedAt, note: entity.note };
}

async function latest(manager: EntityManager): Promise<SegmentRuleSetVersion> {
  const [entity] = await manager.getRepository(SegmentRuleSetEntity).find({ order: { version: 'DESC' }, take: 1 });
  if (!entity) throw new Error('segment_rule_set is empty: the migration that loads version 1 has not run');
  return fromEntity(entity);
}

/** The business checks class-validator cannot state: unique codes, money, ranges that can match. */
function checkRules(rules: SegmentRuleValue[], errors: UserErrorValue[]): SegmentRuleValue[] {
  if (rules.length === 0 || rules.length > MAX_RULES) errors.push(userError(UserErrorCode.VALIDATION, `Give 1–${MAX_RULES} rules`, 'rules'));
  const seen = new Set<string>();
  return rules.map((rule, index) => {
    const field = (name: string) => ['rules', String(index), name];
    const code = rule.code.trim().toUpperCase();
    if (!/^[A-Z][A-Z0-9_]{0,31}$/.test(code)) errors.push(userError(UserErrorCode.VALIDATION, 'A code is 1–32 letters, digits or _, starting with a letter', field('code')));
    if (seen.has(code)) errors.push(userError(UserErrorCode.VALIDATION, `Code ${code} is used twice`, field('code')));
    seen.add(code);
    const money = (value: string | null | undefined, name: string) => {
      if (value == null) return null;
      if (!/^\d{1,13}(\.\d{1,2})?$/.test(value.trim())) {
        errors.push(userError(UserErrorCode.VALIDATION, `${name} must be a non-negative amount with at most two decimals`, field(name)));
        return null;
      }
      return normaliseDecimal(value.trim());
    };
    const clean: SegmentRuleValue = {
      code,
      name: rule.name.trim(),
      minRevenue: money(rule.minRevenue, 'minRevenue'),
      maxRevenue: money(rule.maxRevenue, 'maxRevenue'),
      minGrowthPercent: rule.minGrowthPercent ?? null,
      maxGrowthPercent: rule.maxGrowthPercent ?? null,
      minProductLines: rule.minProductLines ?? null,
      maxProductLines: rule.maxProductLines ?? null,
    };
    if (clean.minRevenue != null && clean.maxRevenue != null && Number(clean.minRevenue) > Number(clean.maxRevenue))
      errors.push(userError(UserErrorCode.VALIDATION, 'minRevenue is above maxRevenue', field('minRevenue')));
    if (clean.minGrowthPercent != null && clean.maxGrowthPercent != null && clean.minGrowthPercent > clean.maxGrowthPercent)
      errors.push(userError(UserErrorCode.VALIDATION, 'minGrowthPercent is above maxGrowthPercent', field('minGrowthPercent')));
    if (clean.minProductLines != null && clean.maxProductLines != null && clean.minProductLines > clean.maxProductLines)
      errors.push(userError(UserErrorCode.VALIDATION, 'minProductLines is above maxProductLines', field('minProductLines')));
    // Stored without the absent conditions, so a rule reads as it was given.
    return Object.fromEntries(Object.entries(clean).filter(([, value]) => value != null)) as unknown as SegmentRuleValue;
  });
}

export const segmentRules = {
  inForce: latest,

  forRequest(ctx: Context): Promise<SegmentRuleSetVersion> {
    return ctx.loaders.get('retention.segment-rules', () => new DataLoader<'current', SegmentRuleSetVersion>(async (keys) => Array(keys.length).fill(await latest(ctx.db.manager)))).load('current');
  },

  /** A version by number (a customer's segment names the version that placed it), once per request. */
  version(ctx: Context, version: number): Promise<SegmentRuleSetVersion | null> {
    return ctx.loaders
      .get(
        'retention.segment-rule-versions',
        () =>
          new DataLoader<number, SegmentRuleSetVersion | null>(async (versions) => {
            const rows = await ctx.db
              .getRepository(SegmentRuleSetEntity)
              .createQueryBuilder('s')
              .where('s.version IN (:...versions)', { versions: [...versions] })
              .getMany();
            return versions.map((v) => {
              const found = rows.find((row) => row.version === v);
              return found ? fromEntity(found) : null;
            });
          }),
      )
      .load(version);
  },

  read(ctx: Context): Promise<SegmentRuleSetVersion> {
    if (isPartner(ctx.viewer)) throw forbidden('Partners do not read the segment rules');
    return segmentRules.forRequest(ctx);
  },

  /** A new version of the rules, whole, from the one the admin read; every stored customer is re-segmented in the same transaction. */
  async update(ctx: Context, input: UpdateSegmentRulesInput): Promise<Result<SegmentRuleSetVersion>> {
    if (!isAdmin(ctx.viewer)) throw forbidden('Only an administrator changes the segment rules');
    const errors = await validateInput(input);
    const rules = checkRules(input.rules, errors);
    if (errors.length) return failMany(errors);
    const stale = userError(UserErrorCode.VERSION_CONFLICT, 'The segment rules were changed since you read them; reload and retry', 'expectedVersion');
    return inTransaction(
      ctx,
      async (tx) => {
        const current = await latest(tx);
        if (current.version !== input.expectedVersion) return failMany([stale]);
        const repo = tx.getRepository(SegmentRuleSetEntity);
        await repo.insert(repo.create({ version: current.version + 1, rules, changedById: ctx.viewer.staffId, note: input.note?.trim() || null }));
        const [sql, params] = tx.connection.driver.escapeQueryWithParameters(
          `UPDATE retention_state s SET segment_code = m.code, segment_rule = m.position, segment_version = CAST(:segmentVersion AS int)
           FROM retention_state t LEFT JOIN LATERAL (${segmentMatch('t.revenue', 't.growth_percent', 't.product_lines')}) m ON TRUE WHERE t.id = s.id`,
          { segmentRules: JSON.stringify(rules), segmentVersion: current.version + 1 },
        );
        await tx.query(sql, params);
        return ok(fromEntity(await repo.findOneByOrFail({ version: current.version + 1 })));
      },
      { pk_segment_rule_set: stale },
    );
  },
};
