import { useCallback, useState } from 'react';
import { AnyVariables, DocumentInput, useClient, useQuery } from 'urql';

export interface ConnectionPage<TNode> {
  edges: Array<{ cursor: string; node: TNode }>;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export interface ConnectionState<TNode, TConnection> {
  nodes: TNode[];
  /** The connection as the cache holds it (figures beside the edges, such as when they were computed). */
  connection: TConnection | null;
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  loadMore(): void;
  /** Asks the server again from the first page. */
  reload(): void;
}

type NodeOf<TConnection> = TConnection extends ConnectionPage<infer TNode> ? TNode : never;

/**
 * Reads a keyset-paginated connection with urql. The query on screen is always the first page; "more"
 * fetches the next page into the cache, whose relay pagination (graphql-cache.ts) appends it to the
 * list on screen. `pick` finds the connection in the answer.
 */
export function useConnection<TData, TVariables extends AnyVariables, TConnection extends ConnectionPage<unknown>>(
  query: DocumentInput<TData, TVariables>,
  variables: Omit<TVariables, 'first' | 'after'>,
  pick: (data: TData) => TConnection,
  pageSize = 50,
): ConnectionState<NodeOf<TConnection>, TConnection> {
  const client = useClient();
  const firstPage = { ...variables, first: pageSize, after: null } as unknown as TVariables;
  const [{ data, fetching, error }, reexecute] = useQuery<TData, TVariables>({ query, variables: firstPage });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const connection = data ? pick(data) : null;
  const endCursor = connection?.pageInfo.endCursor ?? null;
  const variablesKey = JSON.stringify(firstPage);

  const loadMore = useCallback(() => {
    if (!endCursor) return;
    setLoadingMore(true);
    const next = { ...(JSON.parse(variablesKey) as object), after: endCursor } as unknown as TVariables;
    void client
      .query(query, next, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => setMoreError(result.error ?? null))
      .finally(() => setLoadingMore(false));
  }, [client, query, variablesKey, endCursor]);

  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  return {
    nodes: (connection?.edges.map((edge) => edge.node) ?? []) as NodeOf<TConnection>[],
    connection,
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    loading: fetching || loadingMore,
    error: error ?? moreError,
    loadMore,
    reload,
  };
}
