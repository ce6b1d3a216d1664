import { ArgsType, Field, Int } from 'type-graphql';
import type { PageArgs } from './connection';

/** The Relay paging arguments every list field takes; checked by `pageSize` (1–100, default 20). */
@ArgsType()
export class PageArgsInput implements PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size going forward (1–100, default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size going backward (1–100).' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue before.' })
  before?: string | null;
}
