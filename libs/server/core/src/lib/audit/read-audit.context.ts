import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../auth/actor';

/** Reads of client data noted during one GraphQL request, written as one audit row when it answers. */
export interface PendingReads {
  /** Set by the GraphQL layer, which writes the row as it answers; other requests write each read at once. */
  deferred: boolean;
  actor: Actor | null;
  operations: Set<string>;
  subjects: Set<string>;
}

export const readAuditContext = new AsyncLocalStorage<PendingReads>();

/** Called as a GraphQL request starts: its reads are kept until it answers. */
export function deferReadsToAnswer(): void {
  const pending = readAuditContext.getStore();
  if (pending) pending.deferred = true;
}

/** Runs the rest of the request with a place to note its reads (Express middleware). */
export function collectReadsPerRequest(_req: unknown, _res: unknown, next: () => void): void {
  readAuditContext.run({ deferred: false, actor: null, operations: new Set(), subjects: new Set() }, next);
}
