import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor } from '../auth/actor';
import { keysetConnection, keysetPageStart } from '../graphql/keyset-page';
import { runAsTenant, runCrossTenant } from '../database/tenant-scope';
import { AuditEvent } from './audit-event.entity';
import { AuditEventConnection, AuditEventFilter } from './audit-events.types';

import { readAuditContext } from './read-audit.context';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  subjectUserId?: string | null;
}

/** The action of the one row a request's reads of client data become. */
export const CLIENT_DATA_READ = 'client-data.read';

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Records an event; pass the transaction's manager so the record commits or rolls back with the change. */
  async record(actor: Actor, record: AuditRecord, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditEvent) : this.events;
    await repository.insert({
      agencyId: actor.agencyId,
      actorUserId: actor.userId,
      subjectUserId: record.subjectUserId ?? null,
      subjectUserIds: record.subjectUserId ? [record.subjectUserId] : [],
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      onBehalf: !!record.subjectUserId && record.subjectUserId !== actor.userId,
    });
  }

  /**
   * Notes that a coach or admin read these clients' data (a client's reads of their own are not
   * audited). Within a GraphQL request the notes become one row when it answers, naming every
   * client covered; elsewhere (exports, feeds) the row is written at once.
   */
  async recordRead(actor: Actor, operation: string, clientUserIds: Iterable<string>): Promise<void> {
    const subjects = [...new Set(clientUserIds)].filter((id) => id !== actor.userId);
    if (subjects.length === 0) return;
    const pending = readAuditContext.getStore();
    if (pending?.deferred) {
      pending.actor = actor;
      pending.operations.add(operation);
      for (const subject of subjects) pending.subjects.add(subject);
      return;
    }
    await this.writeRead(actor, [operation], subjects);
  }

  /** Writes the current request's noted reads, if any (called as the GraphQL answer is sent). */
  async flushReads(): Promise<void> {
    const pending = readAuditContext.getStore();
    if (!pending?.actor || pending.subjects.size === 0) return;
    const { actor, operations, subjects } = pending;
    pending.subjects = new Set();
    pending.operations = new Set();
    await this.writeRead(actor, [...operations], [...subjects]);
  }

  private async writeRead(actor: Actor, operations: string[], subjects: string[]): Promise<void> {
    await this.events.insert({
      agencyId: actor.agencyId,
      actorUserId: actor.userId,
      subjectUserId: subjects.length === 1 ? subjects[0] : null,
      subjectUserIds: subjects,
      action: CLIENT_DATA_READ,
      entityType: 'Request',
      entityId: null,
      detail: operations.sort().join(', ').slice(0, 500),
      onBehalf: false,
    });
  }

  /** One page of the agency's events, newest first (keyset on time and id), for its admins. */
  async page(
    agencyId: string,
    filter: AuditEventFilter,
    first: number,
    after: string | null,
  ): Promise<AuditEventConnection> {
    const position = keysetPageStart(first, after);
    const query = this.events.createQueryBuilder('event').where('event.agency_id = :agencyId', { agencyId });
    if (filter.actorUserId) query.andWhere('event.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.subjectUserId)
      query.andWhere(':subject = ANY(event.subject_user_ids)', { subject: filter.subjectUserId });
    if (filter.action) query.andWhere('event.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('event.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('event.occurred_at < :to', { to: filter.to });
    if (position)
      query.andWhere('(event.occurred_at, event.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
        afterAt: position.at,
        afterId: position.id,
      });
    const rows = await query
      .orderBy('event.occurred_at', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .limit(first + 1)
      .getMany();
    const page = keysetConnection(
      rows,
      first,
      (row) => ({ at: row.occurredAt, id: row.id }),
      (row) => ({
        id: row.id,
        occurredAt: row.occurredAt,
        actorUserId: row.actorUserId,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        subjectUserIds: row.subjectUserIds,
        detail: row.detail,
        onBehalf: row.onBehalf,
      }),
    );
    return { ...page, nodes: page.edges.map((edge) => edge.node), ...page.pageInfo };
  }

  /** Deletes events older than the retention period, a batch at a time; returns how many went. */
  async prune(retentionDays: number): Promise<number> {
    let total = 0;
    for (;;) {
      // Retention applies to every agency alike: the one cross-agency path into audit_events, deletes only.
      const [, deleted] = (await runCrossTenant('audit-retention', () =>
        this.events.query(
          `DELETE FROM audit_events WHERE id IN (
             SELECT id FROM audit_events WHERE occurred_at < now() - make_interval(days => $1) LIMIT 5000)`,
          [retentionDays],
        ),
      )) as [unknown, number];
      total += deleted;
      if (deleted < 5000) return total;
    }
  }

  /**
   * An authentication event of a known account, filed under each agency it concerns (identity calls
   * this: sign-in success and failure, refresh, sign-out, password change). A failure for an unknown
   * e-mail concerns no agency and is not recorded here.
   */
  async recordAuth(event: AuthEvent): Promise<void> {
    const agencyIds = [...new Set(event.agencyIds)];
    // Each row is written bound to its own agency (a failed sign-in concerns every agency of the account).
    for (const agencyId of agencyIds) {
      await runAsTenant(agencyId, () =>
        this.events.insert({
          agencyId,
          actorUserId: event.userId,
          subjectUserId: null,
          subjectUserIds: [],
          action: event.action,
          entityType: 'Session',
          entityId: event.sessionId ?? null,
          detail: `ip ${event.ip}`.slice(0, 500),
          onBehalf: false,
        }),
      );
    }
  }
}

export type AuthEventAction =
  | 'auth.login.succeeded'
  | 'auth.login.failed'
  | 'auth.mfa.failed'
  | 'auth.refreshed'
  | 'auth.signed_out'
  | 'auth.signed_out_everywhere'
  | 'auth.password_changed'
  | 'auth.password_reset'
  | 'auth.email_verified';

export interface AuthEvent {
  action: AuthEventAction;
  userId: string;
  agencyIds: string[];
  sessionId?: string | null;
  ip: string;
}
