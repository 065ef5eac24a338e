// Tests index freely into response shapes that differ per operation.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyData = Record<string, any>;

export interface GraphqlError {
  message: string;
  path?: string[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: GraphqlError[];
}

/** Talks to the API over real HTTP, as the web app and other clients do. */
export class GraphqlClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  as(token: string): GraphqlClient {
    return new GraphqlClient(this.baseUrl, token, this.headers);
  }

  /** Pretends the request comes from this address (the test API trusts one proxy hop). */
  from(ip: string): GraphqlClient {
    return new GraphqlClient(this.baseUrl, this.token, { ...this.headers, 'x-forwarded-for': ip });
  }

  async request<T = AnyData>(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...this.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T | null; errors?: GraphqlError[] };
    return { status: response.status, data: body.data ?? null, errors: body.errors };
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<T = AnyData>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`Expected success, got ${JSON.stringify(result.errors)}`);
    }
    return result.data;
  }

  /** Runs an operation that must fail and returns its first error. */
  async fails(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlError> {
    const result = await this.request(query, variables);
    const error = result.errors?.[0];
    if (!error) throw new Error(`Expected an error, got ${JSON.stringify(result.data)}`);
    return error;
  }
}
