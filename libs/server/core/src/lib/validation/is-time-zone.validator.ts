import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidTimeZone } from '@followthrough/shared-domain';

export function IsTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: 'must be an IANA time zone such as "Europe/Paris" or "America/New_York"', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value) },
    });
}
