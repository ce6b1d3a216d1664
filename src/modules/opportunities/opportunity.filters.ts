import { DateResolver } from 'graphql-scalars';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../platform/graphql/order';
import { DecimalScalar } from '../../platform/graphql/scalars';
import { OpportunityCategory, OpportunitySource, OpportunityStage, ProductLine } from './opportunity.enums';

/*
 * Which opportunities a list or the pipeline report counts, and in which
 * order. Both filters narrow by the same facts (shared below), which the
 * one applyOpportunityFilter in opportunity.queries.ts turns into SQL.
 */

export enum OpportunityOrderField {
  CREATED_AT = 'CREATED_AT',
  ESTIMATED_AMOUNT = 'ESTIMATED_AMOUNT',
  EXPECTED_CLOSE_DATE = 'EXPECTED_CLOSE_DATE',
  CODE = 'CODE',
}
registerEnumType(OpportunityOrderField, {
  name: 'OpportunityOrderField',
  description: 'What to order opportunities by.',
  valuesConfig: {
    CREATED_AT: { description: 'Creation time.' },
    ESTIMATED_AMOUNT: { description: 'Estimated amount.' },
    EXPECTED_CLOSE_DATE: { description: 'Expected close date.' },
    CODE: { description: 'Opportunity code.' },
  },
});

@InputType({ description: 'Ordering of an opportunity list.' })
export class OpportunityOrder {
  @Field(() => OpportunityOrderField, { description: 'Sort key.' })
  field!: OpportunityOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC, description: 'Direction.' })
  direction!: OrderDirection;
}

/**
 * The conditions a list and the pipeline report share, each written once;
 * `described` words the two whose descriptions the published schema gives
 * differently per filter.
 */
function sharedFilterFields(described: { products: string; regionId: string }) {
  @InputType()
  abstract class SharedFilterFields {
    @Field(() => [OpportunityCategory], { nullable: true, description: 'Any of these categories.' })
    categories?: OpportunityCategory[] | null;

    @Field(() => [OpportunitySource], { nullable: true, description: 'Any of these sources.' })
    sources?: OpportunitySource[] | null;

    @Field(() => [ProductLine], { nullable: true, description: described.products })
    products?: ProductLine[] | null;

    @Field(() => ID, { nullable: true, description: 'Owned by this staff member.' })
    ownerId?: string | null;

    @Field(() => ID, { nullable: true, description: 'Reported by this partner.' })
    partnerId?: string | null;

    @Field(() => ID, { nullable: true, description: described.regionId })
    regionId?: string | null;
  }
  return SharedFilterFields;
}

@InputType({ description: 'Which opportunities to list; every condition must hold.' })
export class OpportunityFilter extends sharedFilterFields({
  products: 'Includes any of these product lines.',
  regionId: 'Customer in this region or anywhere under it.',
}) {
  @Field(() => [OpportunityStage], { nullable: true, description: 'Any of these stages.' })
  stages?: OpportunityStage[] | null;

  @Field(() => ID, { nullable: true, description: 'For this customer.' })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Reported by this staff member.' })
  reporterId?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Estimated amount at least this.' })
  amountMin?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Estimated amount at most this.' })
  amountMax?: string | null;

  @Field(() => DateResolver, { nullable: true, description: 'Expected close on or after this date.' })
  expectedCloseFrom?: Date | null;

  @Field(() => DateResolver, { nullable: true, description: 'Expected close on or before this date.' })
  expectedCloseTo?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'true: with an overdue pending approval step; false: without.' })
  overdueApproval?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: '停滞 — true: stalled (see `Opportunity.stalled`); false: not stalled. Partners get nothing either way.',
  })
  stalled?: boolean | null;
}

@InputType({ description: 'Which opportunities a pipeline report counts; every condition must hold.' })
export class PipelineFilter extends sharedFilterFields({
  products: 'Touching any of these product lines.',
  regionId: 'Customers in this region or below it.',
}) {
  @Field(() => DateResolver, { nullable: true, description: 'Registered on or after this day.' })
  registeredFrom?: Date | null;

  @Field(() => DateResolver, { nullable: true, description: 'Registered on or before this day.' })
  registeredTo?: Date | null;
}
