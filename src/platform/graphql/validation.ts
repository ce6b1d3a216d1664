import { buildMessage, validate, ValidateBy, ValidationError, ValidationOptions } from 'class-validator';
import { UserErrorCode, UserErrorValue, userError } from './user-error';

/**
 * Runs the class-validator rules declared on an input class and turns every
 * failure into a VALIDATION user error naming the field (API.md: weak input
 * types — a bad value is a userError, not a request error).
 */
export async function validateInput(input: object): Promise<UserErrorValue[]> {
  const failures = await validate(input, { forbidUnknownValues: false, validationError: { target: false } });
  const errors: UserErrorValue[] = [];
  const walk = (list: ValidationError[], path: string[]) => {
    for (const failure of list) {
      const field = [...path, failure.property];
      for (const message of Object.values(failure.constraints ?? {})) {
        errors.push(userError(UserErrorCode.VALIDATION, message, field));
      }
      if (failure.children?.length) walk(failure.children, field);
    }
  };
  walk(failures, []);
  return errors;
}

/** A text that must say something: not empty and not only white space (names, titles, reasons). */
export function NotBlank(validationOptions?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'notBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0,
        defaultMessage: buildMessage((prefix) => `${prefix}$property must not be blank`, validationOptions),
      },
    },
    validationOptions,
  );
}
