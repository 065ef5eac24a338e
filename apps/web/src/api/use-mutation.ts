import { useCallback, useState } from 'react';
import { useSession } from '../session/session-context';
import type { Variables } from './graphql-request';

export interface MutationState<TData> {
  run(variables: Variables): Promise<TData | null>;
  running: boolean;
  error: unknown;
  clearError(): void;
}

/** Runs a GraphQL mutation on demand; `run` answers null (and sets `error`) when it fails. */
export function useMutation<TData>(mutation: string): MutationState<TData> {
  const { request } = useSession();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = useCallback(
    async (variables: Variables) => {
      setRunning(true);
      setError(null);
      try {
        return await request<TData>(mutation, variables);
      } catch (failure) {
        setError(failure);
        return null;
      } finally {
        setRunning(false);
      }
    },
    [request, mutation],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, running, error, clearError };
}
