import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { AppError, AppErrorCode } from './app-errors';

const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  TIMEOUT: 503,
  MAIL_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/**
 * Every error, in one place. GraphQL errors go on to formatGraphqlError, which gives them a public
 * code and logs the unexpected ones without their query parameters (Nest's own handler would print
 * a failed query's parameters, password hashes included). Over HTTP, expected errors answer with
 * their status and unexpected ones with a plain 500.
 */
@Catch()
export class AppErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Errors');

  override catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return error;
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof AppError) {
      response.status(HTTP_STATUS[error.code]).json({ error: { code: error.code, message: error.message } });
      return;
    }
    if (error instanceof HttpException) return super.catch(error, host);
    this.logger.error(`Unexpected error: ${(error as Error)?.message}`, (error as Error)?.stack);
    response.status(500).json({
      error: { code: 'INTERNAL', message: 'Something went wrong on our side. It has been logged; please try again.' },
    });
    return;
  }
}
