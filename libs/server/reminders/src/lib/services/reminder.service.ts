import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { earliestSendTime, ReminderStatus } from '@followthrough/shared-domain';
import { badInput } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { Reminder, ReminderRefs, ReminderSkipReason } from '../entities';
import { affectedRows } from './sql-results';
import { assertIdempotencyKey, assertKind, assertRefs, assertUuid, likePrefix } from './reminder-input';

export interface ScheduleReminderInput {
  agencyId: string;
  /** The composer that will write the e-mail: one of ReminderKinds (shared-domain), checked when scheduled. */
  kind: string;
  recipientUserId: string;
  dueAt: Date;
  /** Unique per agency: scheduling the same key again returns the existing reminder unchanged. */
  idempotencyKey: string;
  /** Ids the composer needs (e.g. { stepInstanceId }); never names, addresses or text. */
  refs?: ReminderRefs;
  /**
   * 'business-hours' (default): a due time on a non-business day or in the recipient's quiet hours
   * moves to their next business morning (09:00 in their zone). 'exact': sent as soon as due.
   */
  timing?: 'business-hours' | 'exact';
}

export interface ScheduledReminder {
  reminder: Reminder;
  /** False when a reminder with that key already existed (nothing changed). */
  created: boolean;
}

const CANCELLABLE = [ReminderStatus.SCHEDULED];

/**
 * The reminder engine's entrance for other contexts: create reminders (idempotently, inside the
 * caller's transaction when given its manager) and cancel them. Delivery happens in the worker.
 */
@Injectable()
export class ReminderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: IdentityDirectory,
  ) {}

  async schedule(manager: EntityManager | undefined, input: ScheduleReminderInput): Promise<ScheduledReminder> {
    const db = manager ?? this.dataSource.manager;
    assertUuid(input.agencyId, 'agencyId');
    assertUuid(input.recipientUserId, 'recipientUserId');
    assertKind(input.kind);
    assertIdempotencyKey(input.idempotencyKey);
    const refs = input.refs ?? {};
    assertRefs(refs);
    if (!(input.dueAt instanceof Date) || Number.isNaN(input.dueAt.getTime()))
      throw badInput('dueAt', 'must be a valid time');

    const existing = await db.findOneBy(Reminder, { agencyId: input.agencyId, idempotencyKey: input.idempotencyKey });
    if (existing?.status === ReminderStatus.SKIPPED && existing.skipReason === ReminderSkipReason.CANCELLED) {
      // Wanted again after a cancel (a plan moved away and back): the same row comes back to life,
      // since the key is what keeps the reminder unique.
      return { reminder: await this.revive(db, existing), created: false };
    }
    if (existing) return { reminder: existing, created: false };

    const [recipient] = await this.directory.people(input.agencyId, [input.recipientUserId], db);
    if (!recipient) throw badInput('recipientUserId', 'is not a member of this agency');
    let dueAt = input.dueAt;
    const timing = input.timing ?? 'business-hours';
    if (timing === 'business-hours') {
      const calendar = await this.directory.calendarOf(input.agencyId, db);
      dueAt = earliestSendTime(input.dueAt, calendar, { timeZone: recipient.timezone });
    }

    const inserted = await db
      .createQueryBuilder()
      .insert()
      .into(Reminder)
      .values({
        agencyId: input.agencyId,
        kind: input.kind,
        recipientUserId: input.recipientUserId,
        dueAt,
        idempotencyKey: input.idempotencyKey,
        refs,
        timing,
      })
      .orIgnore()
      .returning('id')
      .execute();
    const created = inserted.raw.length > 0;
    // A concurrent schedule with the same key won the insert: return that one.
    const reminder = await db.findOneByOrFail(Reminder, {
      agencyId: input.agencyId,
      idempotencyKey: input.idempotencyKey,
    });
    return { reminder, created };
  }

  /** Cancels (SKIPPED, reason CANCELLED) the not-yet-sent reminders whose key starts with `prefix`. */
  async cancelByKeyPrefix(manager: EntityManager | undefined, agencyId: string, prefix: string): Promise<number> {
    assertUuid(agencyId, 'agencyId');
    assertIdempotencyKey(prefix, 'prefix');
    return this.cancelWhere(manager, agencyId, `idempotency_key LIKE $3`, [likePrefix(prefix)]);
  }

  /**
   * Cancels the not-yet-sent reminders whose refs include all of `refs` (e.g. { stepInstanceId }),
   * except those whose key is in `keepKeys`: a caller about to schedule those keys again keeps the
   * live rows instead of cancelling and then finding them cancelled.
   */
  async cancelByRefs(
    manager: EntityManager | undefined,
    agencyId: string,
    refs: ReminderRefs,
    keepKeys: string[] = [],
  ): Promise<number> {
    assertUuid(agencyId, 'agencyId');
    assertRefs(refs);
    if (Object.keys(refs).length === 0) throw badInput('refs', 'must name at least one id');
    keepKeys.forEach((key) => assertIdempotencyKey(key, 'keepKeys'));
    return this.cancelWhere(
      manager,
      agencyId,
      `refs @> $3::jsonb AND idempotency_key <> ALL($5::varchar[])`,
      [JSON.stringify(refs)],
      [keepKeys],
    );
  }

  private async revive(db: EntityManager, reminder: Reminder): Promise<Reminder> {
    await db.query(
      `UPDATE reminders SET status = '${ReminderStatus.SCHEDULED}', skip_reason = NULL, enqueued_at = NULL, updated_at = now()
        WHERE id = $1 AND agency_id = $2 AND status = '${ReminderStatus.SKIPPED}' AND skip_reason = '${ReminderSkipReason.CANCELLED}'`,
      [reminder.id, reminder.agencyId],
    );
    return db.findOneByOrFail(Reminder, { agencyId: reminder.agencyId, id: reminder.id });
  }

  private async cancelWhere(
    manager: EntityManager | undefined,
    agencyId: string,
    condition: string,
    params: unknown[],
    extra: unknown[] = [],
  ): Promise<number> {
    const db = manager ?? this.dataSource.manager;
    // Also reminders waiting in a digest that has not gone out yet.
    const result: unknown = await db.query(
      `UPDATE reminders SET status = $2, skip_reason = '${ReminderSkipReason.CANCELLED}', updated_at = now()
        WHERE agency_id = $1 AND ${condition}
          AND (status = ANY($4::varchar[])
               OR (status = '${ReminderStatus.IN_DIGEST}' AND digest_id IN (
                     SELECT id FROM reminder_digests WHERE agency_id = $1 AND status = '${ReminderStatus.SCHEDULED}')))
`,
      [agencyId, ReminderStatus.SKIPPED, ...params, CANCELLABLE, ...extra],
    );
    return affectedRows(result);
  }

  /**
   * Several new reminders of one agency in one INSERT (a planner's new step: the client's and each
   * coach's). A key that already exists is left to `schedule`, which decides what scheduling it again means.
   */
  async scheduleAll(manager: EntityManager | undefined, inputs: ScheduleReminderInput[]): Promise<void> {
    if (inputs.length === 0) return;
    const db = manager ?? this.dataSource.manager;
    const { agencyId } = inputs[0];
    for (const input of inputs) {
      if (input.agencyId !== agencyId)
        throw badInput('agencyId', 'must be the same for every reminder scheduled together');
      assertUuid(input.recipientUserId, 'recipientUserId');
      assertKind(input.kind);
      assertIdempotencyKey(input.idempotencyKey);
      assertRefs(input.refs ?? {});
      if (!(input.dueAt instanceof Date) || Number.isNaN(input.dueAt.getTime()))
        throw badInput('dueAt', 'must be a valid time');
    }
    assertUuid(agencyId, 'agencyId');
    const recipients = await this.directory.people(
      agencyId,
      [...new Set(inputs.map((input) => input.recipientUserId))],
      db,
    );
    const zoneOf = new Map(recipients.map((person) => [person.userId, person.timezone]));
    const calendar = inputs.some((input) => (input.timing ?? 'business-hours') === 'business-hours')
      ? await this.directory.calendarOf(agencyId, db)
      : null;
    const dueAts = inputs.map((input) => {
      const timeZone = zoneOf.get(input.recipientUserId);
      if (!timeZone) throw badInput('recipientUserId', 'is not a member of this agency');
      return calendar && (input.timing ?? 'business-hours') === 'business-hours'
        ? earliestSendTime(input.dueAt, calendar, { timeZone })
        : input.dueAt;
    });
    const inserted: { idempotency_key: string }[] = await db.query(
      `INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, idempotency_key, refs, timing)
       SELECT $1, r.kind, r.recipient_user_id, r.due_at, r.idempotency_key, r.refs, r.timing
         FROM unnest($2::varchar[], $3::uuid[], $4::timestamptz[], $5::varchar[], $6::jsonb[], $7::varchar[]) AS r(kind, recipient_user_id, due_at, idempotency_key, refs, timing)
       ON CONFLICT (agency_id, idempotency_key) DO NOTHING
       RETURNING idempotency_key`,
      [
        agencyId,
        inputs.map((input) => input.kind),
        inputs.map((input) => input.recipientUserId),
        dueAts,
        inputs.map((input) => input.idempotencyKey),
        inputs.map((input) => JSON.stringify(input.refs ?? {})),
        inputs.map((input) => input.timing ?? 'business-hours'),
      ],
    );
    const created = new Set(inserted.map((row) => row.idempotency_key));
    for (const input of inputs) if (!created.has(input.idempotencyKey)) await this.schedule(manager, input);
  }
}
