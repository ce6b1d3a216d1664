import { ClassType, Field, ObjectType, registerEnumType } from 'type-graphql';

/** Stable codes for business-rule failures; clients switch on these, never on messages. */
export enum UserErrorCode {
  VALIDATION = 'VALIDATION',
  NOT_FOUND = 'NOT_FOUND',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  DUPLICATE_OPPORTUNITY = 'DUPLICATE_OPPORTUNITY',
  DUPLICATE_CREDIT_CODE = 'DUPLICATE_CREDIT_CODE',
  HIERARCHY_CYCLE = 'HIERARCHY_CYCLE',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  IDEMPOTENCY_MISMATCH = 'IDEMPOTENCY_MISMATCH',
  DUPLICATE_CONTRACT = 'DUPLICATE_CONTRACT',
  RECLASSIFICATION_REQUIRED = 'RECLASSIFICATION_REQUIRED',
  HANDOVER_REFUSED = 'HANDOVER_REFUSED',
  MERGE_CONFLICT = 'MERGE_CONFLICT',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation was refused. Stable: clients switch on these codes.',
  valuesConfig: {
    VALIDATION: { description: 'An input value is malformed or breaks a business rule; `field` names it.' },
    NOT_FOUND: { description: 'The object does not exist or is outside your scope.' },
    ALREADY_EXISTS: { description: 'A unique value (code, employee number) is already taken.' },
    INVALID_TRANSITION: { description: 'The action is not allowed in the current stage; the message names the stage.' },
    VERSION_CONFLICT: { description: 'Someone changed the object since you read it; reload and retry.' },
    DUPLICATE_OPPORTUNITY: { description: '撞单 — an active registration already protects this customer and product line.' },
    DUPLICATE_CREDIT_CODE: { description: 'Another customer already has this Unified Social Credit Code 统一社会信用代码.' },
    HIERARCHY_CYCLE: { description: 'The change would make a customer its own ancestor.' },
    NOT_ELIGIBLE: { description: 'The partner is not eligible for commission 酬金; the message says why.' },
    IDEMPOTENCY_MISMATCH: { description: 'The idempotency key was already used with different input.' },
    DUPLICATE_CONTRACT: { description: '合同编号重复 — another opportunity was already won with this contract number.' },
    RECLASSIFICATION_REQUIRED: {
      description: '集团大客户经审批 — a management level, or a grade to or from A1/A2, changes only through `requestCustomerReclassification`, decided by the leader above.',
    },
    HANDOVER_REFUSED: { description: 'A leaver’s customers, opportunities or approvals cannot go to the named successor; the message names what cannot move.' },
    MERGE_CONFLICT: { description: 'The two customers hold conflicting unique facts (e.g. two different credit codes); the message says which.' },
  },
});

@ObjectType({ description: 'A business-rule failure of a mutation: nothing was written.' })
export class UserError {
  @Field(() => UserErrorCode, { description: 'Stable machine-readable code.' })
  code!: UserErrorCode;

  @Field({ description: 'Human-readable explanation.' })
  message!: string;

  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "creditCode"].' })
  field?: string[];
}

export interface UserErrorValue {
  code: UserErrorCode;
  message: string;
  field?: string[];
}

/** What services return: a value, or the user errors that explain why not. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: UserErrorValue[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function fail<T = never>(code: UserErrorCode, message: string, field?: string | string[]): Result<T> {
  return { ok: false, errors: [userError(code, message, field)] };
}

export function failMany<T = never>(errors: UserErrorValue[]): Result<T> {
  return { ok: false, errors };
}

export function userError(code: UserErrorCode, message: string, field?: string | string[]): UserErrorValue {
  const path = field === undefined ? undefined : ['input', ...(Array.isArray(field) ? field : [field])];
  return { code, message, field: path };
}

export const notFound = (what: string, field?: string | string[]) => fail(UserErrorCode.NOT_FOUND, `${what} not found`, field);

/** Maps a service result onto a mutation payload `{ <key>: object | null, userErrors }`. */
export function toPayload<T, K extends string, P>(result: Result<T>, key: K, map: (value: T) => P): { [k in K]: P | null } & { userErrors: UserErrorValue[] } {
  const object = (result.ok ? map(result.value) : null) as P | null;
  return { [key]: object, userErrors: result.ok ? [] : result.errors } as { [k in K]: P | null } & { userErrors: UserErrorValue[] };
}

type PayloadFields = Record<string, readonly [() => ClassType<object>, string]>;

/**
 * Builds a mutation payload type: each named object (nullable: null when the
 * mutation was refused) plus `userErrors`, like `Connection()` builds lists.
 */
export function Payload<F extends PayloadFields>(name: string, description: string, fields: F, errorsDescription: string) {
  @ObjectType(name, { description })
  class PayloadType {
    @Field(() => [UserError], { description: errorsDescription })
    userErrors!: UserError[];
  }
  for (const [key, [type, fieldDescription]] of Object.entries(fields)) {
    Field(type, { nullable: true, description: fieldDescription })(PayloadType.prototype, key);
  }
  return PayloadType as unknown as new () => { [K in keyof F]: InstanceType<ReturnType<F[K][0]>> | null } & { userErrors: UserError[] };
}
