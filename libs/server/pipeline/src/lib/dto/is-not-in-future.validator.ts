import { registerDecorator, ValidationOptions } from 'class-validator';

/** Clocks of phones and servers differ a little; a minute ahead still counts as now. */
export const CLOCK_SKEW_MS = 60_000;

/** A date that has already happened (a logged touch, an application sent). */
export function IsNotInFuture(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotInFuture',
      target: target.constructor,
      propertyName,
      options: { message: 'must not be in the future', ...options },
      validator: {
        validate: (value: unknown) =>
          value instanceof Date && !Number.isNaN(value.getTime()) && value.getTime() <= Date.now() + CLOCK_SKEW_MS,
      },
    });
}
