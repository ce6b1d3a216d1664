import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { toPayload } from '../../platform/graphql/user-error';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Staff } from '../organisation/organisation.types';
import { businessRules } from './business-rules';
import { BusinessRuleSet, BusinessRuleSetConnection, UpdateBusinessRulesInput, UpdateBusinessRulesPayload } from './business-rules.types';

@Resolver(() => BusinessRuleSet)
export class BusinessRulesResolver {
  @Query(() => BusinessRuleSet, { description: '业务规则 — the rules in force (internal users).' })
  async businessRules(@Ctx() ctx: Context): Promise<BusinessRuleSet> {
    return BusinessRuleSet.from(await businessRules.read(ctx));
  }

  @Query(() => BusinessRuleSetConnection, { description: 'Every version of the rules, newest first, with who changed what and when (admins and leaders).' })
  async businessRuleHistory(@Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<BusinessRuleSetConnection> {
    const result = await businessRules.history(ctx, page);
    return BusinessRuleSetConnection.of({ ...result, edges: result.edges.map((edge) => ({ cursor: edge.cursor, node: BusinessRuleSet.from(edge.node) })) });
  }

  @Mutation(() => UpdateBusinessRulesPayload, { description: 'Put a new version of the rules in force (admin). Decisions already taken keep the version they used.' })
  async updateBusinessRules(@Arg('input') input: UpdateBusinessRulesInput, @Ctx() ctx: Context): Promise<UpdateBusinessRulesPayload> {
    return toPayload(await businessRules.update(ctx, input), 'businessRules', BusinessRuleSet.from);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who put this version in force; null for the defaults loaded by the migration.' })
  changedBy(@Root() set: BusinessRuleSet, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return set.changedByUuid ? organisationLoaders.staff(ctx).load(set.changedByUuid) : null;
  }
}
