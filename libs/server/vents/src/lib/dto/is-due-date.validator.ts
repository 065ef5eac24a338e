import { registerDecorator, ValidationOptions } from 'class-validator';

const DAY_MS = 86_400_000;

/** A calendar day (YYYY-MM-DD) that exists, is not already past (a day of slack for time zones) and is within two years. */
export function IsDueDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDueDate',
      target: target.constructor,
      propertyName,
      options: { message: 'must be a day from today on, written YYYY-MM-DD', ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const day = new Date(`${value}T00:00:00Z`);
          if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) return false;
          const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
          return day.getTime() >= today - DAY_MS && day.getTime() <= today + 731 * DAY_MS;
        },
      },
    });
}
