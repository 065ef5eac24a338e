import { ValidationError } from 'class-validator';
import { badInput } from './app-errors';

function firstFailure(errors: ValidationError[], prefix: string): { field: string; message: string } | null {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) return { field, message: messages[0] };
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/** The name a failure starts with; ArgumentValidationPipe puts the argument's own name in its place. */
export const VALIDATED_ROOT = 'input';

/** Turns class-validator's report into one BAD_USER_INPUT error that names the failing field. */
export function validationExceptionFactory(errors: ValidationError[]) {
  const failure = firstFailure(errors, VALIDATED_ROOT) ?? { field: VALIDATED_ROOT, message: 'is invalid' };
  return badInput(failure.field, failure.message);
}
