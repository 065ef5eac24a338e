import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The few legitimate reasons to read or write rows of more than one agency (or of no agency yet). Each one is
 * accepted only by the row-level security policies of the tables it needs (migrations/…-RowLevelSecurity.ts),
 * and only the code named beside it enters it.
 */
export type CrossTenantReason =
  /** A person's own memberships, their agencies and their sessions, in every agency (sign-in, signing out everywhere, a new password); needs the user. */
  | 'own-account'
  /** Finding an invitation by its token before its agency is known (identity's acceptInvitation). */
  | 'invitation'
  /** Finding the agency of a refresh token's session (identity's refreshSession). */
  | 'refresh'
  /** The worker's scan of due reminders and digests of every agency (reminders). */
  | 'reminder-scan'
  /** The worker's planners of every agency: weekly caseload summaries, insights rows due a refresh. */
  | 'planner'
  /** Deleting audit events past their retention in every agency (core's audit retention). */
  | 'audit-retention'
  /** Whether an account still belongs to any agency, before an erasure deletes it (identity's data rights). */
  | 'account-check';

export interface TenantScope {
  /** The agency every statement is bound to; null until known. */
  agencyId: string | null;
  /** The person acting (a client's own rows can be narrowed to them). */
  userId: string | null;
  /** Set only by the code paths that must cross agencies, each for its own reason. */
  crossTenant: CrossTenantReason | null;
}

const REASONS = new Set<string>([
  'own-account',
  'invitation',
  'refresh',
  'reminder-scan',
  'planner',
  'audit-retention',
  'account-check',
]);

const storage = new AsyncLocalStorage<TenantScope>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The scope of the running request or job, if any. */
export function currentTenantScope(): TenantScope | undefined {
  return storage.getStore();
}

/** Runs `work` bound to one agency (a job for that agency, a request once its actor is known). */
export function runAsTenant<T>(agencyId: string, work: () => Promise<T>, userId: string | null = null): Promise<T> {
  return storage.run(
    { agencyId: checkedUuid(agencyId), userId: userId && checkedUuid(userId), crossTenant: null },
    work,
  );
}

/** Runs `work` with one named cross-agency reason (and no agency): see CrossTenantReason for who may. */
export function runCrossTenant<T>(
  reason: CrossTenantReason,
  work: () => Promise<T>,
  userId: string | null = null,
): Promise<T> {
  if (!REASONS.has(reason)) throw new Error(`Unknown cross-tenant reason ${String(reason)}`);
  return storage.run({ agencyId: null, userId: userId && checkedUuid(userId), crossTenant: reason }, work);
}

/**
 * Binds the running request to the actor's agency once the auth guard knows it. The request's scope is one
 * object for the whole request (see `tenantPerRequest`), so its resolvers, field resolvers and loaders see it.
 */
export function bindRequestTenant(agencyId: string, userId: string | null): void {
  const scope = storage.getStore();
  if (!scope) throw new Error('No tenant scope: the request did not pass through tenantPerRequest');
  scope.agencyId = checkedUuid(agencyId);
  scope.userId = userId && checkedUuid(userId);
  scope.crossTenant = null;
}

/** Binds the request's scope to a signed link's agency once the link is verified (no-op outside a request). */
export function bindVerifiedLinkTenant(agencyId: string, userId: string | null): void {
  if (storage.getStore() && UUID.test(agencyId) && (!userId || UUID.test(userId))) bindRequestTenant(agencyId, userId);
}

/** The scope of one agency, for re-binding an open transaction (see bindTransactionToTenant). */
export function agencyScope(agencyId: string): TenantScope {
  return { agencyId: checkedUuid(agencyId), userId: null, crossTenant: null };
}

/** Express middleware: every request starts with an empty scope (no agency: no tenant rows). */
export function tenantPerRequest(_req: unknown, _res: unknown, next: () => void): void {
  storage.run({ agencyId: null, userId: null, crossTenant: null }, next);
}

/**
 * The statement that binds the current transaction to a scope: `set_config(…, true)` is SET LOCAL, so the
 * setting ends with the transaction and never stays with a pooled connection (PgBouncer transaction mode).
 * Values are checked UUIDs and a fixed list of reasons, so they are written as literals: the statement then
 * travels with BEGIN in one round trip.
 */
export function tenantSettingsSql(scope: TenantScope): string {
  const literal = (value: string | null) => (value === null ? `''` : `'${value}'`);
  return (
    `SELECT set_config('app.agency_id', ${literal(scope.agencyId)}, true), ` +
    `set_config('app.user_id', ${literal(scope.userId)}, true), ` +
    `set_config('app.cross_tenant', ${literal(scope.crossTenant)}, true)`
  );
}

/** Whether a scope sets anything (without one, no setting is needed: tenant rows are simply out of reach). */
export function scopeSetsAnything(scope: TenantScope | undefined): scope is TenantScope {
  return !!scope && (scope.agencyId !== null || scope.userId !== null || scope.crossTenant !== null);
}

function checkedUuid(value: string): string {
  if (!UUID.test(value)) throw new Error('A tenant scope needs UUIDs');
  return value.toLowerCase();
}
