import { HttpException, Logger } from '@nestjs/common';
import { GraphQLFormattedError } from 'graphql';
import { isTokenLimitError } from '../graphql/query-limits';
import { AppErrorCode } from './app-errors';

const PUBLIC_CODES = new Set<AppErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'TIMEOUT',
  'MAIL_UNAVAILABLE',
]);

// Apollo's own codes for a query that cannot run: all the caller's to fix.
const CALLER_MISTAKES = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'BAD_USER_INPUT']);

const HTTP_STATUS_CODES: Record<number, AppErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  429: 'RATE_LIMITED',
};

const logger = new Logger('GraphQL');

// PostgreSQL errors that only bad input causes; the SQL behind them stays private.
const DATABASE_INPUT_ERRORS: Record<string, string> = {
  '22P02': 'An id or value in this request is malformed; check the ids you sent.',
  '23505': 'This already exists (perhaps from a request sent twice); reload and try again.',
};

function originalOf(error: unknown): unknown {
  const withOriginal = error as { originalError?: unknown };
  return withOriginal?.originalError ?? error;
}

/**
 * Every error leaves the API with one of the public codes and a message a person can act on.
 * Anything unexpected becomes INTERNAL: the details go to the log, never to the caller.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.['code'] ?? '');
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (PUBLIC_CODES.has(code as AppErrorCode)) {
    const { field, retryAfterSeconds } = formatted.extensions ?? {};
    return {
      ...base,
      extensions: { code, ...(field ? { field } : {}), ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
    };
  }
  if (code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitError(formatted)) {
    return {
      ...base,
      message: `${formatted.message.replace(/^Syntax Error: /, '')} Split the request into smaller ones.`,
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    };
  }
  if (CALLER_MISTAKES.has(code)) {
    return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
  }
  const original = originalOf(error);
  const databaseCode = (original as { driverError?: { code?: string } })?.driverError?.code;
  if (databaseCode && DATABASE_INPUT_ERRORS[databaseCode]) {
    return { ...base, message: DATABASE_INPUT_ERRORS[databaseCode], extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (original instanceof HttpException) {
    const mapped = HTTP_STATUS_CODES[original.getStatus()];
    if (mapped) return { ...base, extensions: { code: mapped } };
  }
  logger.error(
    `Unexpected error at ${formatted.path?.join('.') ?? '(no path)'}`,
    (original as Error)?.stack ?? String(original),
  );
  return {
    message: 'Something went wrong on our side. It has been logged; please try again.',
    path: formatted.path,
    extensions: { code: 'INTERNAL' },
  };
}
