import { GraphQLError } from 'graphql';

/** The error codes clients may rely on (DESIGN.md). */
export type AppErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  /** Over a resource limit (depth, aliases, tokens, cost): refused before anything ran. */
  | 'QUERY_TOO_COMPLEX'
  /** Still running at the execution deadline. */
  | 'TIMEOUT'
  /** An e-mail the operation depends on could not be handed to the mail server; nothing was saved. */
  | 'MAIL_UNAVAILABLE'
  | 'INTERNAL';

export class AppError extends GraphQLError {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = (message = 'Sign in again: the access token is missing, invalid or expired.') =>
  new AppError('UNAUTHENTICATED', message);

export const forbidden = (message = 'Your role does not allow this operation.') => new AppError('FORBIDDEN', message);

/** Also the answer to a denied read: it never reveals that the object exists. */
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);

export const badInput = (field: string, message: string) =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, { field });

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', `Too many attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, {
    retryAfterSeconds,
  });
