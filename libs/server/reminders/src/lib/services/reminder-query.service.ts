import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, pageSizeProblem, ReminderStatus } from '@followthrough/shared-domain';
import { Actor, badInput, notFound } from '@followthrough/server-core';
import { ReminderPage, ReminderView } from '../dto/reminder.types';
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

  async list(actor: Actor, filter: ReminderFilter = {}, first = 20, after?: string | null): Promise<ReminderPage> {
    const problem = pageSizeProblem(first);
    if (problem) throw badInput('first', problem);
    const position = after ? decodeCursor(after) : null;
    if (after && !position) throw badInput('after', 'is not a cursor from this list');

    const params: unknown[] = [actor.agencyId];
    const conditions = ['agency_id = $1'];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(params.length));
    };
    const scope = this.policy.recipientScopeSql(actor, 'recipient_user_id', params.length + 1);
    params.push(...scope.params);
    conditions.push(scope.sql);
    if (filter.status) add((n) => `status = $${n}`, filter.status);
    if (filter.kind) add((n) => `kind = $${n}`, filter.kind);
    if (filter.recipientUserId) add((n) => `recipient_user_id = $${n}`, filter.recipientUserId);
    if (filter.dueFrom) add((n) => `due_at >= $${n}`, filter.dueFrom);
    if (filter.dueBefore) add((n) => `due_at < $${n}`, filter.dueBefore);
    if (position) {
      params.push(position.at, position.id);
      conditions.push(`(due_at, id) < ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(first + 1);
    const rows: ReminderListRow[] = await this.dataSource.query(
      `SELECT id, kind, recipient_user_id, due_at, status, attempts, last_error, skip_reason, provider_message_id,
              sent_at, digest_id, refs, created_at
         FROM reminders
        WHERE ${conditions.join(' AND ')}
        ORDER BY due_at DESC, id DESC
        LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, first);
    const showErrors = this.policy.canSeeDeliveryErrors(actor);
    const last = page[page.length - 1];
    return {
      nodes: page.map((row) => this.toView(row, showErrors)),
      endCursor: last ? encodeCursor({ at: new Date(last.due_at), id: last.id }) : null,
      hasNextPage: rows.length > first,
    };
  }

  /** One reminder the actor may see, or NOT_FOUND. */
  async one(actor: Actor, reminderId: string): Promise<ReminderView> {
    const scope = this.policy.recipientScopeSql(actor, 'recipient_user_id', 3);
    const [row]: ReminderListRow[] = await this.dataSource.query(
      `SELECT id, kind, recipient_user_id, due_at, status, attempts, last_error, skip_reason, provider_message_id,
              sent_at, digest_id, refs, created_at
         FROM reminders WHERE id = $1 AND agency_id = $2 AND ${scope.sql}`,
      [reminderId, actor.agencyId, ...scope.params],
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
