import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../session/session-context';
import type { Variables } from './graphql-request';

export interface QueryState<TData> {
  data: TData | null;
  error: unknown;
  loading: boolean;
  /** Asks again, keeping the current data on screen until the answer arrives. */
  reload(): void;
}

/** Runs a GraphQL query as the signed-in person when the component shows, and again when its variables change. */
export function useGraphqlQuery<TData>(
  query: string,
  variables: Variables = {},
  options: { skip?: boolean } = {},
): QueryState<TData> {
  const { request } = useSession();
  const [data, setData] = useState<TData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(!options.skip);
  const [attempt, setAttempt] = useState(0);
  const variablesKey = JSON.stringify(variables);
  const skip = options.skip ?? false;

  useEffect(() => {
    if (skip) return;
    let current = true;
    setLoading(true);
    request<TData>(query, JSON.parse(variablesKey) as Variables).then(
      (answer) => {
        if (!current) return;
        setData(answer);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [request, query, variablesKey, attempt, skip]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { data, error, loading, reload };
}
