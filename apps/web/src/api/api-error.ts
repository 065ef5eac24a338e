import { CombinedError } from '@urql/core';

/** The error codes the API promises (core's errors/app-errors.ts), plus NETWORK for a request that got no answer. */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'MAIL_UNAVAILABLE'
  | 'INTERNAL'
  | 'NETWORK';

const KNOWN_CODES = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'MAIL_UNAVAILABLE',
  'INTERNAL',
]);

export interface GraphqlErrorBody {
  message: string;
  extensions?: { code?: unknown; field?: unknown; retryAfterSeconds?: unknown };
}

/** One failed API call, carrying the API's own message and code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: ApiErrorCode,
    /** The input field that failed, as the API names it ("input.email"). */
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The first GraphQL error of an answer, or a network failure when the server gave no answer. */
  static fromCombinedError(error: CombinedError): ApiError {
    const first = error.graphQLErrors[0];
    if (first) return ApiError.fromGraphqlError({ message: first.message, extensions: first.extensions });
    const status = (error.response as Response | undefined)?.status;
    if (status !== undefined) {
      return new ApiError(`The server answered with an unexpected response (HTTP ${status}).`, 'INTERNAL');
    }
    return new ApiError('The server cannot be reached. Check your connection and try again.', 'NETWORK');
  }

  static fromGraphqlError(error: GraphqlErrorBody): ApiError {
    const { code, field, retryAfterSeconds } = error.extensions ?? {};
    return new ApiError(
      error.message,
      (typeof code === 'string' && KNOWN_CODES.has(code) ? code : 'INTERNAL') as ApiErrorCode,
      typeof field === 'string' ? field : undefined,
      typeof retryAfterSeconds === 'number' ? retryAfterSeconds : undefined,
    );
  }
}

/**
 * The sentence to show a person. Input errors arrive as "input.adminEmail: must be …"; with a
 * label for the field ("E-mail") that becomes "E-mail must be …". A field of a list item
 * ("input.actions.0.dueOn") takes the label of its kind ("actions.*.dueOn") and its number. A field
 * without any label is still named in words: a raw path never reaches a person.
 */
export function describeError(failure: unknown, fieldLabels: Record<string, string> = {}): string {
  const error = toApiError(failure);
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const field = fieldOf(error);
  if (error.code !== 'BAD_USER_INPUT' || !field || !error.field) return error.message;
  const prefix = `${error.field}: `;
  const rest = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : null;
  if (rest === null) return error.message;
  const item = /\.(\d+)\./.exec(field);
  const itemNote = item ? ` (step ${Number(item[1]) + 1})` : '';
  const label = fieldLabels[field] ?? (item ? fieldLabels[field.replace(/\.\d+\./g, '.*.')] : undefined);
  if (fieldLabels[field]) return `${label} ${rest}`;
  if (label) return `${label}${itemNote} ${rest}`;
  return `${inWords(field.split('.').at(-1) ?? field)}${itemNote}: ${rest}`;
}

/** The form field an input error points at ("actions.0.dueOn"), without the API's "input." prefix. */
export function fieldOf(failure: unknown): string | undefined {
  const error = toApiError(failure);
  if (!(error instanceof ApiError) || !error.field) return undefined;
  return error.field.replace(/^input\./, '');
}

/**
 * What the API said about a failing input field, as a sentence of its own: "input.token: this link was
 * already used" → "This link was already used." For a page that explains a bad link rather than a field.
 */
export function inputProblemOf(failure: unknown): string | undefined {
  const error = toApiError(failure);
  if (!(error instanceof ApiError) || error.code !== 'BAD_USER_INPUT' || !error.field) return undefined;
  const prefix = `${error.field}: `;
  const problem = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  const sentence = problem.charAt(0).toUpperCase() + problem.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** What the API said about a bad link (a refused `input.token`), as a sentence; undefined for any other failure. */
export function linkProblemOf(failure: unknown): string | undefined {
  return fieldOf(failure) === 'token' ? inputProblemOf(failure) : undefined;
}

/** "dueOn" → "Due on". */
function inWords(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The ApiError for what a GraphQL client call failed with (urql's CombinedError), other values as they are. */
export function toApiError(error: unknown): unknown {
  return error instanceof CombinedError ? ApiError.fromCombinedError(error) : error;
}

/** The API's error code of a failure, if it has one. */
export function errorCodeOf(error: unknown): ApiErrorCode | undefined {
  const converted = toApiError(error);
  return converted instanceof ApiError ? converted.code : undefined;
}
