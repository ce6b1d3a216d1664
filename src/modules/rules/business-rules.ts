import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { hasRole, isAdmin, isPartner, LEADER_ROLES } from '../../platform/auth/viewer';
import { Context, inTransaction } from '../../platform/context';
import { Page, PageArgs, paginateArray } from '../../platform/graphql/connection';
import { forbidden } from '../../platform/graphql/errors';
import { failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { BusinessRuleSetEntity } from './business-rule-set.entity';
import { BusinessRules, changedRules, completeRules, ruleSectionKeys } from './rule-sections';
import type { UpdateBusinessRulesInput } from './business-rules.types';

/** One version of the rules, complete (rule-sections.ts). */
export interface RuleSetVersion {
  version: number;
  rules: BusinessRules;
  changedById: string | null;
  changedAt: Date;
  note: string | null;
}

function fromEntity(entity: BusinessRuleSetEntity): RuleSetVersion {
  return { version: entity.version, rules: completeRules(entity.rules), changedById: entity.changedById, changedAt: entity.changedAt, note: entity.note };
}

async function latest(manager: EntityManager): Promise<RuleSetVersion> {
  const [entity] = await manager.getRepository(BusinessRuleSetEntity).find({ order: { version: 'DESC' }, take: 1 });
  if (!entity) throw new Error('business_rule_set is empty: the migration that loads version 1 has not run');
  return fromEntity(entity);
}

/**
 * The rules in force. A decision reads them with its transaction's manager
 * (`inForce(tx)`) and records `version`; a read path reads them once per
 * request (`forRequest(ctx)`).
 */
export const businessRules = {
  inForce: latest,

  forRequest(ctx: Context): Promise<RuleSetVersion> {
    return ctx.loaders.get('rules.in-force', () => new DataLoader<'current', RuleSetVersion>(async (keys) => Array(keys.length).fill(await latest(ctx.db.manager)))).load('current');
  },

  /** Everyone inside the operator reads the rules they work under; partners see their effect (protectedUntil), not the rule set. */
  read(ctx: Context): Promise<RuleSetVersion> {
    if (isPartner(ctx.viewer)) throw forbidden('Partners do not read the business rules');
    return businessRules.forRequest(ctx);
  },

  async history(ctx: Context, args: PageArgs): Promise<Page<RuleSetVersion & { id: string }>> {
    if (!isAdmin(ctx.viewer) && !hasRole(ctx.viewer, ...LEADER_ROLES)) throw forbidden('Only administrators and leaders read the history of the rules');
    const entities = await ctx.db.getRepository(BusinessRuleSetEntity).find({ order: { version: 'DESC' } });
    return paginateArray(
      entities.map((entity) => ({ ...fromEntity(entity), id: String(entity.version) })),
      args,
    );
  },

  /** 规则变更: the next version, whole, from the one the admin read (`expectedVersion`); racing changes → one wins. */
  async update(ctx: Context, input: UpdateBusinessRulesInput): Promise<Result<RuleSetVersion>> {
    if (!isAdmin(ctx.viewer)) throw forbidden('Only an administrator changes the business rules');
    const errors = await validateInput(input);
    if (!ruleSectionKeys.some((key) => input[key])) errors.push(userError(UserErrorCode.VALIDATION, 'Say which rules to change', ruleSectionKeys[0]));
    if (errors.length) return failMany(errors);
    const stale = userError(UserErrorCode.VERSION_CONFLICT, 'The rules were changed since you read them; reload and retry', 'expectedVersion');
    return inTransaction(
      ctx,
      async (tx) => {
        const current = await latest(tx);
        if (current.version !== input.expectedVersion) return failMany([stale]);
        const rules = changedRules(current.rules, input);
        const entity = tx.getRepository(BusinessRuleSetEntity).create({ version: current.version + 1, rules: rules as never, changedById: ctx.viewer.staffId, note: input.note?.trim() || null });
        await tx.getRepository(BusinessRuleSetEntity).insert(entity);
        return ok(fromEntity(await tx.getRepository(BusinessRuleSetEntity).findOneByOrFail({ version: entity.version })));
      },
      { pk_business_rule_set: stale },
    );
  },
};
