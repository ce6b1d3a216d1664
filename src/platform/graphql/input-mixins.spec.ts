import { MaxLength } from 'class-validator';
import { printType } from 'graphql';
import { Arg, buildSchema, Field, InputType, Int, Query, Resolver } from 'type-graphql';
import { partial, withExpectedVersion, withId } from './input-mixins';
import { NotBlank, validateInput } from './validation';

@InputType()
abstract class ThingFields {
  @Field({ description: 'Name.' })
  @NotBlank({ message: 'name must not be blank' })
  @MaxLength(10)
  name!: string;

  @Field(() => [Int], { nullable: 'items', description: 'Counts.' })
  counts!: (number | null)[];

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'Size (default 0).' })
  size?: number | null;
}

@InputType({ description: 'Changes to a thing.' })
class UpdateThingInput extends withExpectedVersion(withId(partial(ThingFields, { size: 'Size.' }), 'The thing.')) {}

@Resolver()
class ThingResolver {
  @Query(() => Boolean, { description: 'Takes the input.' })
  updateThing(@Arg('input') input: UpdateThingInput): boolean {
    return input instanceof UpdateThingInput;
  }
}

describe('input mixins', () => {
  it('make every field of a base optional, without its default, reworded where asked', async () => {
    const schema = await buildSchema({ resolvers: [ThingResolver], validate: false });
    const printed = printType(schema.getType('UpdateThingInput')!);
    expect(printed).toContain('counts: [Int]\n');
    expect(printed).toContain('"""Name."""\n  name: String\n');
    expect(printed).toContain('"""Size."""\n  size: Int\n');
    expect(printed).toContain('"""The thing."""\n  id: ID!\n');
    expect(printed).toContain('expectedVersion: Int\n');
  });

  it('keep the base’s validators for the fields an update gives, and skip the ones it omits', async () => {
    expect(await validateInput(Object.assign(new UpdateThingInput(), { id: 'x' }))).toEqual([]);
    const errors = await validateInput(Object.assign(new UpdateThingInput(), { id: 'x', name: ' ' }));
    expect(errors.map((e) => [e.field, e.message])).toEqual([[['input', 'name'], 'name must not be blank']]);
  });
});
