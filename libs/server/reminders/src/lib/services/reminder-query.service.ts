import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE, ReminderStatus } from '@followthrough/shared-domain';
import { Actor, actorScope, keysetConnection, keysetPageStart, notFound, sql } from '@followthrough/server-core';
import { ReminderConnection, ReminderView } from '../dto/reminder.types';
import { ReminderFilter } from '../dto/reminder.inputs';
import { ReminderSkipReason } from '../entities';
import { ReminderAccessPolicy } from '../reminders.policy';

interface ReminderListRow {
  id: string;
  kind: string;
  recipient_user_id: string;
  due_at: Date;
  status: ReminderStatus;
  attempts: number;
  last_error: string | null;
  skip_reason: ReminderSkipReason | null;
  provider_message_id: string | null;
  sent_at: Date | null;
  digest_id: string | null;
  refs: Record<string, string>;
  created_at: Date;
}

/** The `reminders` list: keyset-paginated (newest due first), limited to what the actor may see. */
@Injectable()
export class ReminderQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: ReminderAccessPolicy,
  ) {}

  async list(
    actor: Actor,
    filter: ReminderFilter = {},
    first = DEFAULT_PAGE_SIZE,
    after?: string | null,
  ): Promise<ReminderConnection> {
    const position = keysetPageStart(first, after);
    const conditions = [this.policy.recipientScope(actor, 'recipient_user_id')];
    if (filter.status) conditions.push(sql`status = ${filter.status}`);
    if (filter.kind) conditions.push(sql`kind = ${filter.kind}`);
    if (filter.recipientUserId) conditions.push(sql`recipient_user_id = ${filter.recipientUserId}`);
    if (filter.dueFrom) conditions.push(sql`due_at >= ${filter.dueFrom}`);
    if (filter.dueBefore) conditions.push(sql`due_at < ${filter.dueBefore}`);
    if (position) conditions.push(sql`(due_at, id) < (${position.at}, ${position.id}::uuid)`);
    const params: unknown[] = [];
    const where = actorScope(actor, 'agency_id', ...conditions).toPositional(params);
    params.push(first + 1);
    const rows: ReminderListRow[] = await this.dataSource.query(
      `SELECT id, kind, recipient_user_id, due_at, status, attempts, last_error, skip_reason, provider_message_id,
              sent_at, digest_id, refs, created_at
         FROM reminders
        WHERE ${where}
        ORDER BY due_at DESC, id DESC
        LIMIT $${params.length}`,
      params,
    );
    const showErrors = this.policy.canSeeDeliveryErrors(actor);
    return keysetConnection(
      rows,
      first,
      (row) => ({ at: new Date(row.due_at), id: row.id }),
      (row) => this.toView(row, showErrors),
    );
  }

  /** One reminder the actor may see, or NOT_FOUND. */
  async one(actor: Actor, reminderId: string): Promise<ReminderView> {
    const params: unknown[] = [];
    const where = actorScope(
      actor,
      'agency_id',
      sql`id = ${reminderId}`,
      this.policy.recipientScope(actor, 'recipient_user_id'),
    ).toPositional(params);
    const [row]: ReminderListRow[] = await this.dataSource.query(
      `SELECT id, kind, recipient_user_id, due_at, status, attempts, last_error, skip_reason, provider_message_id,
              sent_at, digest_id, refs, created_at
         FROM reminders WHERE ${where}`,
      params,
    );
    if (!row) throw notFound('Reminder');
    return this.toView(row, this.policy.canSeeDeliveryErrors(actor));
  }

  private toView(row: ReminderListRow, showErrors: boolean): ReminderView {
    return {
      id: row.id,
      kind: row.kind,
      recipientUserId: row.recipient_user_id,
      dueAt: new Date(row.due_at),
      status: row.status,
      attempts: row.attempts,
      lastError: showErrors ? row.last_error : null,
      skipReason: row.skip_reason,
      providerMessageId: row.provider_message_id,
      sentAt: row.sent_at ? new Date(row.sent_at) : null,
      inDigest: row.digest_id !== null,
      refs: Object.entries(row.refs ?? {}).map(([name, id]) => ({ name, id })),
      createdAt: new Date(row.created_at),
    };
  }
}
