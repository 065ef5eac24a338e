import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { bindTransactionToTenant, ClientChange, runAsTenant, runCrossTenant } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { agencyClientsStatement, dueRollupsStatement, rollupRefreshStatement } from '../sql/client-rollup.query';
import {
  clearFormerClientsStatement,
  foldDeltasStatement,
  resetScopeWeeksStatement,
  SCOPE_WEEKS_LOCK,
} from '../sql/coach-weeks.query';
import { runnerOf } from './insights-sql.service';

/** Clients recomputed per statement by the worker's pass and by a rebuild. */
const BATCH = 200;
/** Deltas folded into the coach-week aggregates per statement. */
const FOLD_BATCH = 5000;

/**
 * Keeps `insights_client_rollups` current (see the insights README, "Read model"):
 *
 * - **in the writer's transaction**: every client a pipeline or vent write changed (ClientChanges, handed over
 *   just before COMMIT) is recomputed and upserted, that client's row only, so the change and its rollup commit
 *   together and no two writers share a row unless they write for the same client;
 * - **on a schedule** (`refreshDue`, the worker's BullMQ job scheduler): rows whose `refresh_at` has passed —
 *   a step fell due, a business day began, a step left the ignored-reminder window, or a writer raced another
 *   writer of the same client — are recomputed;
 * - **on demand** (`rebuild`): all of an agency's clients, e.g. after data was written behind the API's back.
 *
 * The same statement keeps each client's dashboard facts and appends what changed to the deltas; the worker's
 * pass then folds the deltas into the coach-week aggregates (`foldDeltas`), and a rebuild re-derives an
 * agency's aggregates from its clients' facts.
 */
@Injectable()
export class ClientRollups {
  private readonly logger = new Logger('InsightsRollups');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityDirectory,
  ) {}

  /** Inside the writer's transaction: a calendar read (once per transaction) and one upsert per agency. */
  async refreshChanged(changes: ClientChange[], manager: EntityManager): Promise<void> {
    for (const [agencyId, clientUserIds] of byAgency(changes))
      await this.refresh(manager, agencyId, clientUserIds, true);
  }

  /** Recomputes the rows due at `now`, in batches, each in its own transaction; returns how many. */
  async refreshDue(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      // The due rows of every agency are claimed across agencies (the planner's path into the rollups only);
      // each agency's are then recomputed with the transaction bound to that agency.
      const done = await runCrossTenant('planner', () =>
        this.dataSource.transaction(async (manager) => {
          const due: ClientChange[] = (
            await runnerOf(manager)<{ agency_id: string; client_user_id: string }>(dueRollupsStatement(now, BATCH))
          ).map((row) => ({ agencyId: row.agency_id, clientUserId: row.client_user_id }));
          for (const [agencyId, clientUserIds] of byAgency(due)) {
            await bindTransactionToTenant(manager, agencyId);
            await this.refresh(manager, agencyId, clientUserIds, false);
          }
          return due.length;
        }),
      );
      total += done;
      if (done < BATCH) break;
    }
    await this.foldDeltas();
    return total;
  }

  /** Folds the writers' deltas into the coach-week aggregates, a batch per transaction; returns how many. */
  async foldDeltas(): Promise<number> {
    let total = 0;
    for (;;) {
      // One statement folds the deltas of every agency: the planner's path into the deltas and scope weeks.
      const folded = await runCrossTenant('planner', () =>
        this.dataSource.transaction(async (manager) => {
          const run = runnerOf(manager);
          await run(SCOPE_WEEKS_LOCK);
          const [row] = await run<{ folded: number }>(foldDeltasStatement(FOLD_BATCH));
          return row?.folded ?? 0;
        }),
      );
      total += folded;
      if (folded < FOLD_BATCH) return total;
    }
  }

  /** Recomputes every client of the agency (or of every agency); returns how many. */
  async rebuild(agencyId?: string): Promise<number> {
    const agencies: string[] = agencyId
      ? [agencyId]
      : (
          (await runCrossTenant('planner', () => this.dataSource.query(`SELECT id FROM agencies ORDER BY id`))) as {
            id: string;
          }[]
        ).map((row) => row.id);
    let total = 0;
    for (const agency of agencies) total += await runAsTenant(agency, () => this.rebuildAgency(agency));
    this.logger.log(`Rebuilt the insights rollups of ${total} clients in ${agencies.length} agencies`);
    return total;
  }

  private async rebuildAgency(agency: string): Promise<number> {
    let total = 0;
    let after: string | null = null;
    for (;;) {
      const batch: string[] = (
        await runnerOf(this.dataSource.manager)<{ user_id: string }>(agencyClientsStatement(agency, after, BATCH))
      ).map((row) => row.user_id);
      if (batch.length === 0) break;
      await this.dataSource.transaction((manager) => this.refresh(manager, agency, batch, false));
      total += batch.length;
      after = batch[batch.length - 1];
      if (batch.length < BATCH) break;
    }
    // The agency's aggregates become the sum of its clients' facts, whatever they held before.
    await this.dataSource.transaction(async (manager) => {
      const run = runnerOf(manager);
      await run(SCOPE_WEEKS_LOCK);
      await run(clearFormerClientsStatement(agency));
      await run(resetScopeWeeksStatement(agency));
    });
    return total;
  }

  private async refresh(
    manager: EntityManager,
    agencyId: string,
    clientUserIds: string[],
    writer: boolean,
  ): Promise<void> {
    const calendar = await this.identity.calendarOf(agencyId, manager);
    await runnerOf(manager)(rollupRefreshStatement({ agencyId, clientUserIds, now: new Date(), calendar, writer }));
  }
}

function byAgency(changes: ClientChange[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const { agencyId, clientUserId } of changes)
    grouped.set(agencyId, [...(grouped.get(agencyId) ?? []), clientUserId]);
  return grouped;
}
