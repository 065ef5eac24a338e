/** The error codes the API promises (DESIGN.md), plus NETWORK for a request that got no answer. */
export type ApiErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'RATE_LIMITED' | 'INTERNAL' | 'NETWORK';

const KNOWN_CODES = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'INTERNAL',
]);

export interface GraphqlErrorBody {
  message: string;
  extensions?: { code?: string; field?: string; retryAfterSeconds?: number };
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

  static fromGraphqlError(error: GraphqlErrorBody): ApiError {
    const code = error.extensions?.code ?? 'INTERNAL';
    return new ApiError(
      error.message,
      (KNOWN_CODES.has(code) ? code : 'INTERNAL') as ApiErrorCode,
      error.extensions?.field,
      error.extensions?.retryAfterSeconds,
    );
  }
}

/**
 * The sentence to show a person. Input errors arrive as "input.adminEmail: must be …"; with a
 * label for the field ("E-mail") that becomes "E-mail must be …".
 */
export function describeError(error: unknown, fieldLabels: Record<string, string> = {}): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.code === 'BAD_USER_INPUT' && error.field) {
    const label = fieldLabels[error.field.replace(/^input\./, '')];
    const prefix = `${error.field}: `;
    if (label && error.message.startsWith(prefix)) return `${label} ${error.message.slice(prefix.length)}`;
  }
  return error.message;
}
