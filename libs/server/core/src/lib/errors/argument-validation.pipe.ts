import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { AppError, badInput } from './app-errors';
import { validationExceptionFactory, VALIDATED_ROOT } from './validation-exception-factory';

/**
 * class-validator's pipe, but a failure names the argument it came from (`filter.kind`, not
 * `input.kind`): the factory only sees the object, the pipe knows the argument's name.
 */
export class ArgumentValidationPipe extends ValidationPipe {
  constructor() {
    super({ transform: true, whitelist: true, exceptionFactory: validationExceptionFactory });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const field = error instanceof AppError ? error.extensions['field'] : undefined;
      if (!metadata.data || typeof field !== 'string' || !field.startsWith(VALIDATED_ROOT)) throw error;
      const named = metadata.data + field.slice(VALIDATED_ROOT.length);
      throw badInput(named, (error as AppError).message.slice(field.length + 2));
    }
  }
}
