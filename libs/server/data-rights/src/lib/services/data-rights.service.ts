import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Actor,
  AuditService,
  badInput,
  ContextDataRights,
  CoreDataRights,
  ErasureMode,
  ExportedTables,
} from '@followthrough/server-core';
import { IdentityDataRights } from '@followthrough/server-identity';
import { InsightsDataRights } from '@followthrough/server-insights';
import { PipelineDataRights } from '@followthrough/server-pipeline';
import { PlaybooksDataRights } from '@followthrough/server-playbooks';
import { RemindersDataRights } from '@followthrough/server-reminders';
import { VentsDataRights } from '@followthrough/server-vents';
import { DataRightsPolicy } from '../data-rights.policy';
import { ClientErasureView } from '../dto/data-rights.types';
import { dataArchive } from '../export/data-archive';

/**
 * Data rights across the contexts: each context exports and erases its own tables through the
 * service it exports; this only orders the calls and runs them in one transaction, so an erasure
 * is whole or not at all.
 */
@Injectable()
export class DataRightsService {
  private readonly logger = new Logger('DataRights');
  /**
   * Contexts that refer to others' rows first, then identity (the account and the agency itself), then
   * insights, whose last refresh of an erased client must see them gone from every other context.
   */
  private readonly contexts: Array<[string, ContextDataRights]>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: DataRightsPolicy,
    private readonly audit: AuditService,
    private readonly identity: IdentityDataRights,
    insights: InsightsDataRights,
    reminders: RemindersDataRights,
    playbooks: PlaybooksDataRights,
    vents: VentsDataRights,
    pipeline: PipelineDataRights,
    private readonly core: CoreDataRights,
  ) {
    this.contexts = [
      ['reminders', reminders],
      ['playbooks', playbooks],
      ['vents', vents],
      ['pipeline', pipeline],
      ['audit', core],
      ['identity', identity],
      ['insights', insights],
    ];
  }

  /** The signed-in client's data in their current agency, as a zip of JSON and CSV files. */
  async myDataArchive(actor: Actor): Promise<Uint8Array> {
    this.policy.assertMayDownloadOwnData(actor);
    // One snapshot across every context: a repeatable-read, read-only transaction.
    const contexts = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const collected: Record<string, ExportedTables> = {};
      for (const [name, context] of this.contexts)
        collected[name] = await context.exportClient(manager, actor.agencyId, actor.userId);
      return collected;
    });
    await this.audit.record(actor, {
      action: 'client-data.exported',
      entityType: 'Client',
      entityId: actor.userId,
      subjectUserId: actor.userId,
    });
    return dataArchive({ exportedAt: new Date(), userId: actor.userId, agencyId: actor.agencyId, contexts });
  }

  /**
   * Deletes or anonymises one client of the admin's agency. The audit row says an admin erased a
   * client and how, not whom: keeping the id would keep the person.
   */
  async eraseClient(actor: Actor, clientUserId: string, mode: ErasureMode): Promise<ClientErasureView> {
    this.policy.assertIsAdmin(actor);
    return this.dataSource.transaction(async (manager) => {
      const member = await this.identity.member(manager, actor.agencyId, clientUserId);
      this.policy.assertErasableClient(member);
      const erasure = {
        agencyId: actor.agencyId,
        userId: member.userId,
        email: member.email,
        mode,
        replacementId: randomUUID(),
      };
      for (const [, context] of this.contexts) await context.eraseClient(manager, erasure);
      await this.audit.record(
        actor,
        { action: mode === ErasureMode.DELETE ? 'client.deleted' : 'client.anonymised', entityType: 'Client' },
        manager,
      );
      return { mode, erasedAt: new Date() };
    });
  }

  /** Deletes the admin's agency and everything in it; accounts that belong to no other agency go too. */
  async deleteAgency(actor: Actor, typedName: string): Promise<boolean> {
    this.policy.assertIsAdmin(actor);
    await this.dataSource.transaction(async (manager) => {
      const name = await this.identity.agencyName(manager, actor.agencyId);
      if (name === null || typedName.trim() !== name.trim())
        throw badInput('input.agencyName', 'type the agency’s name exactly as it is shown to confirm');
      const members = await this.identity.memberIds(manager, actor.agencyId);
      for (const [, context] of this.contexts) await context.eraseAgency(manager, actor.agencyId);
      await this.core.forgetRateLimits(manager, members);
    });
    // No audit row can outlive its agency; the process log keeps the fact, by id only.
    this.logger.log(`agency ${actor.agencyId} deleted by one of its admins`);
    return true;
  }
}
