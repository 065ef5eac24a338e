import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../session/session-context';
import type { Variables } from './graphql-request';
import type { Connection } from './pipeline-operations';

export interface PaginatedState<TNode, TConnection = Connection<TNode>> {
  nodes: TNode[];
  /** The latest page as the API sent it (for figures beside the edges, such as when they were computed). */
  latest: TConnection | null;
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  loadMore(): void;
  /** Starts again from the first page (after a change). */
  reload(): void;
}

/** Reads a keyset-paginated connection page by page; `pick` finds the connection in the answer. */
type NodeOf<TConnection> = TConnection extends Connection<infer TNode> ? TNode : never;

export function usePaginatedQuery<TData, TConnection extends Connection<unknown>, TNode = NodeOf<TConnection>>(
  query: string,
  variables: Variables,
  pick: (data: TData) => TConnection,
  pageSize = 50,
): PaginatedState<TNode, TConnection> {
  const { request } = useSession();
  const [nodes, setNodes] = useState<TNode[]>([]);
  const [latest, setLatest] = useState<TConnection | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const variablesKey = JSON.stringify(variables);

  const fetchPage = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const data = await request<TData>(query, {
          ...(JSON.parse(variablesKey) as Variables),
          first: pageSize,
          after,
        });
        const connection = pick(data);
        setError(null);
        return connection;
      } catch (failure) {
        setError(failure);
        return null;
      } finally {
        setLoading(false);
      }
    },
    // `pick` is a plain accessor; a new function each render must not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [request, query, variablesKey, pageSize],
  );

  useEffect(() => {
    let current = true;
    void fetchPage(null).then((connection) => {
      if (!current || !connection) return;
      setLatest(connection);
      setNodes(connection.edges.map((edge) => edge.node as TNode));
      setCursor(connection.pageInfo.endCursor);
      setHasMore(connection.pageInfo.hasNextPage);
    });
    return () => {
      current = false;
    };
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => {
    void fetchPage(cursor).then((connection) => {
      if (!connection) return;
      setLatest(connection);
      setNodes((current) => [...current, ...connection.edges.map((edge) => edge.node as TNode)]);
      setCursor(connection.pageInfo.endCursor);
      setHasMore(connection.pageInfo.hasNextPage);
    });
  }, [fetchPage, cursor]);

  const reload = useCallback(() => setGeneration((count) => count + 1), []);
  return { nodes, latest, hasMore, loading, error, loadMore, reload };
}
