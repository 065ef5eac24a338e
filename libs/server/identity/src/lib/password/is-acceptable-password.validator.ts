import { registerDecorator, ValidationArguments } from 'class-validator';
import { passwordProblem } from './password-policy';

/** Length 12–128 and not one of the most common passwords. */
export function IsAcceptablePassword() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName,
      options: { message: (args: ValidationArguments) => passwordProblem(args.value) ?? 'is not acceptable' },
      validator: { validate: (value: unknown) => passwordProblem(value) === null },
    });
}
