import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from 'urql';
import { ApiError } from '../api/api-error';
import { LogFollowUpDocument, LogFollowUpInput } from '../api/generated/graphql';
import { useSignedInSession } from '../session/session-context';
import { flushOutbox, Outbox, QueuedTouch, SendResult } from './outbox';

export type LogOutcome = { status: 'sent' } | { status: 'queued' } | { status: 'refused'; error: unknown };

export interface OutboxApi {
  /** Touches saved on this device and not yet sent. */
  waiting: QueuedTouch[];
  /** Logs a touch: sent now when the server answers, otherwise kept here and sent once back online. */
  logTouch(input: Record<string, unknown> & { applicationId: string }, description: string): Promise<LogOutcome>;
  /** The last touches that went out from the queue (for a confirmation). */
  lastSent: QueuedTouch[];
}

const OutboxContext = createContext<OutboxApi | null>(null);

/** A random key that also works outside secure contexts (crypto.randomUUID needs https or localhost). */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// Errors that mean "try again later" rather than "this touch is wrong".
const RETRY_LATER = new Set(['NETWORK', 'RATE_LIMITED']);

export function OutboxProvider({ children }: { children: ReactNode }) {
  const session = useSignedInSession();
  const client = useClient();
  const outbox = useMemo(() => new Outbox(session.user.id, window.localStorage), [session.user.id]);
  const [waiting, setWaiting] = useState<QueuedTouch[]>(() => outbox.list());
  const [lastSent, setLastSent] = useState<QueuedTouch[]>([]);
  const lastError = useRef<Map<string, unknown>>(new Map());
  // One flush at a time; a request for another while one runs is served when it ends.
  const flushing = useRef<Promise<void> | null>(null);

  const send = useCallback(
    async (touch: QueuedTouch): Promise<SendResult> => {
      const result = await client
        .mutation(LogFollowUpDocument, { input: touch.input as unknown as LogFollowUpInput })
        .toPromise();
      if (!result.error) return 'sent';
      const error = ApiError.fromCombinedError(result.error);
      if (RETRY_LATER.has(error.code)) return 'offline';
      lastError.current.set(touch.idempotencyKey, error);
      return 'refused';
    },
    [client],
  );

  const flush = useCallback(async () => {
    while (flushing.current) await flushing.current;
    const run = flushOutbox(outbox, send).then((result) => {
      setWaiting(outbox.list());
      if (result.sent.length > 0) setLastSent(result.sent);
    });
    flushing.current = run.finally(() => {
      flushing.current = null;
    });
    await flushing.current;
  }, [outbox, send]);

  useEffect(() => {
    void flush();
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [flush]);

  const logTouch = useCallback(
    async (input: Record<string, unknown> & { applicationId: string }, description: string): Promise<LogOutcome> => {
      const idempotencyKey = newIdempotencyKey();
      outbox.add({
        idempotencyKey,
        input: { ...input, idempotencyKey },
        description,
        queuedAt: new Date().toISOString(),
      });
      setWaiting(outbox.list());
      await flush();
      if (outbox.list().some((touch) => touch.idempotencyKey === idempotencyKey)) return { status: 'queued' };
      const error = lastError.current.get(idempotencyKey);
      lastError.current.delete(idempotencyKey);
      return error ? { status: 'refused', error } : { status: 'sent' };
    },
    [outbox, flush],
  );

  const api = useMemo<OutboxApi>(() => ({ waiting, logTouch, lastSent }), [waiting, logTouch, lastSent]);
  return <OutboxContext.Provider value={api}>{children}</OutboxContext.Provider>;
}

export function useOutbox(): OutboxApi {
  const api = useContext(OutboxContext);
  if (!api) throw new Error('useOutbox must be used inside <OutboxProvider>');
  return api;
}
