import { IsOptional } from 'class-validator';
import { Field, getMetadataStorage, ID, InputType, Int } from 'type-graphql';

/*
 * Mixins for mutation inputs (type-graphql's examples/mixin-classes): each
 * takes an input class and returns an @InputType class extending it. A module
 * declares the fields of an entity once, in one base class, and composes its
 * create and update inputs from that base and these mixins.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the TypeScript mixin pattern requires `any[]` constructor arguments.
export type AbstractClass<T = object> = abstract new (...args: any[]) => T;

/** The start of a mixin chain for an input with no field base. */
@InputType()
export abstract class NoFields {}

/** Names the object a mutation acts on. */
export function withId<B extends AbstractClass>(Base: B, description: string) {
  @InputType()
  abstract class WithId extends Base {
    @Field(() => ID, { description })
    id!: string;
  }
  return WithId;
}

/** API.md: writes that can race take `expectedVersion` and answer VERSION_CONFLICT when it is stale. */
export function withExpectedVersion<B extends AbstractClass>(Base: B, description = 'The `version` you read; a stale one answers VERSION_CONFLICT.') {
  @InputType()
  abstract class WithExpectedVersion extends Base {
    @Field(() => Int, { nullable: true, description })
    @IsOptional()
    expectedVersion?: number | null;
  }
  return WithExpectedVersion;
}

/**
 * Every field of `Base` as an update takes it: optional (omitted stays as it
 * is), without a default, and validated by `Base`'s rules only when given.
 * `reworded` holds the descriptions an update words differently.
 */
export function partial<T extends object>(Base: AbstractClass<T>, reworded: { [K in keyof T]?: string } = {}): AbstractClass<{ [K in keyof T]?: T[K] | null }> {
  @InputType()
  abstract class PartialFields extends Base {}

  for (const field of fieldsOf(Base)) {
    const { nullable } = field.typeOptions;
    Field(() => typeOf(field), {
      name: field.schemaName,
      nullable: nullable === 'items' || nullable === 'itemsAndList' ? 'itemsAndList' : true,
      description: reworded[field.name as keyof T] ?? field.description,
      deprecationReason: field.deprecationReason,
    })(PartialFields.prototype, field.name);
    IsOptional()(PartialFields.prototype, field.name);
  }
  return PartialFields;
}

type FieldMetadata = ReturnType<typeof getMetadataStorage>['fields'][number];
type FieldType = ReturnType<NonNullable<Parameters<typeof Field>[0]>>;

/** The @Field declarations of `Base` and of the classes it extends, the nearest one for each name. */
function fieldsOf(Base: AbstractClass): FieldMetadata[] {
  const fields = new Map<string, FieldMetadata>();
  for (let type: unknown = Base; typeof type === 'function' && type.prototype !== undefined; type = Object.getPrototypeOf(type)) {
    for (const field of getMetadataStorage().fields) {
      if (field.target === type && !fields.has(field.name)) fields.set(field.name, field);
    }
  }
  return [...fields.values()];
}

/** The field's declared type, lists included; called while the schema is built, when every type it names exists. */
function typeOf(field: FieldMetadata): FieldType {
  // Resolving the type is what records on typeOptions whether it is a list.
  let type: FieldType = field.getType();
  for (let depth = field.typeOptions.array ? (field.typeOptions.arrayDepth ?? 1) : 0; depth > 0; depth--) type = [type];
  return type;
}
