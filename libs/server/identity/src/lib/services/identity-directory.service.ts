import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessCalendar, Role } from '@followthrough/shared-domain';
import { Actor, notFound } from '@followthrough/server-core';

export interface PersonContact {
  userId: string;
  name: string;
  email: string;
  /** The person's own time zone, or the agency's. */
  timezone: string;
}

/** A client with what scheduling for them needs: the agency calendar and their coaches. */
export interface ClientCircle {
  calendar: BusinessCalendar;
  /** Null when they are not a member of the agency. */
  client: PersonContact | null;
  /** Their assigned coaches, oldest assignment first. */
  coaches: PersonContact[];
}

/** What one transaction has already read (a request's writers ask for the same calendar and people repeatedly). */
interface TransactionMemo {
  calendars: Map<string, BusinessCalendar>;
  /** By `agency/user`; null: not a member. */
  people: Map<string, PersonContact | null>;
  /** By `agency/client`. */
  coachIds: Map<string, string[]>;
}

interface PersonRow {
  user_id: string;
  name: string;
  email: string;
  timezone: string;
}

const personOf = (row: PersonRow): PersonContact => ({
  userId: row.user_id,
  name: row.name,
  email: row.email,
  timezone: row.timezone,
});

/**
 * Read-only facts about people and agencies for the other contexts (calendars, names, coaches).
 * Inside a transaction each fact is read once and remembered until the transaction ends, so the
 * several listeners of one pipeline write share one read of the calendar and of each person.
 */
@Injectable()
export class IdentityDirectory {
  private readonly memos = new WeakMap<object, TransactionMemo>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The memo of the manager's transaction; none outside a transaction (a later read must see changes). */
  private memoOf(manager: EntityManager): TransactionMemo | null {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) return null;
    let memo = this.memos.get(runner);
    if (!memo) {
      memo = { calendars: new Map(), people: new Map(), coachIds: new Map() };
      // Each transaction gets its own query runner, so the memo goes with it.
      this.memos.set(runner, memo);
    }
    return memo;
  }

  /**
   * The client, the agency calendar and the client's coaches in one statement; inside a transaction
   * later `calendarOf`, `people` and `coachIdsOf` calls for them are answered from memory.
   */
  async clientCircle(
    agencyId: string,
    clientUserId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ClientCircle> {
    const rows: {
      timezone: string;
      working_weekdays: number[];
      holidays: string[];
      client: PersonRow | null;
      coaches: PersonRow[];
    }[] = await manager.query(
      `SELECT a.timezone, a.working_weekdays, to_json(a.holidays) AS holidays,
                (SELECT json_build_object('user_id', u.id, 'name', u.name, 'email', u.email, 'timezone', COALESCE(u.timezone, a.timezone))
                   FROM memberships m JOIN users u ON u.id = m.user_id
                  WHERE m.agency_id = a.id AND m.user_id = $2) AS client,
                COALESCE((SELECT json_agg(json_build_object('user_id', u.id, 'name', u.name, 'email', u.email, 'timezone', COALESCE(u.timezone, a.timezone))
                                          ORDER BY ca.created_at)
                            FROM coach_assignments ca
                            JOIN memberships m ON m.agency_id = ca.agency_id AND m.user_id = ca.coach_user_id AND m.role = $3
                            JOIN users u ON u.id = ca.coach_user_id
                           WHERE ca.agency_id = a.id AND ca.client_user_id = $2), '[]'::json) AS coaches
           FROM agencies a WHERE a.id = $1`,
      [agencyId, clientUserId, Role.COACH],
    );
    if (rows.length === 0) throw notFound('Agency');
    const [row] = rows;
    const circle: ClientCircle = {
      calendar: { timezone: row.timezone, workingWeekdays: row.working_weekdays, holidays: row.holidays },
      client: row.client ? personOf(row.client) : null,
      coaches: row.coaches.map(personOf),
    };
    const memo = this.memoOf(manager);
    if (memo) {
      memo.calendars.set(agencyId, circle.calendar);
      memo.people.set(`${agencyId}/${clientUserId}`, circle.client);
      for (const coach of circle.coaches) memo.people.set(`${agencyId}/${coach.userId}`, coach);
      memo.coachIds.set(
        `${agencyId}/${clientUserId}`,
        circle.coaches.map((coach) => coach.userId),
      );
    }
    return circle;
  }

  async calendarOf(agencyId: string, manager: EntityManager = this.dataSource.manager): Promise<BusinessCalendar> {
    const memo = this.memoOf(manager);
    const known = memo?.calendars.get(agencyId);
    if (known) return known;
    const rows: { timezone: string; working_weekdays: number[]; holidays: string[] }[] = await manager.query(
      `SELECT timezone, working_weekdays, to_json(holidays) AS holidays FROM agencies WHERE id = $1`,
      [agencyId],
    );
    if (rows.length === 0) throw notFound('Agency');
    const calendar = {
      timezone: rows[0].timezone,
      workingWeekdays: rows[0].working_weekdays,
      holidays: rows[0].holidays,
    };
    memo?.calendars.set(agencyId, calendar);
    return calendar;
  }

  /** Members of the agency among `userIds`, with the time zone that applies to each. */
  async people(
    agencyId: string,
    userIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonContact[]> {
    if (userIds.length === 0) return [];
    const memo = this.memoOf(manager);
    if (memo && userIds.every((id) => memo.people.has(`${agencyId}/${id}`))) {
      return userIds
        .map((id) => memo.people.get(`${agencyId}/${id}`))
        .filter((person): person is PersonContact => !!person);
    }
    const rows: PersonRow[] = await manager.query(
      `SELECT u.id AS user_id, u.name, u.email, COALESCE(u.timezone, a.timezone) AS timezone
         FROM memberships m
         JOIN users u ON u.id = m.user_id
         JOIN agencies a ON a.id = m.agency_id
        WHERE m.agency_id = $1 AND m.user_id = ANY($2::uuid[])`,
      [agencyId, userIds],
    );
    const people = rows.map(personOf);
    if (memo) {
      for (const id of userIds)
        memo.people.set(`${agencyId}/${id}`, people.find((person) => person.userId === id) ?? null);
    }
    return people;
  }

  /** The coaches assigned to a client. */
  async coachIdsOf(
    agencyId: string,
    clientUserId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const memo = this.memoOf(manager);
    const known = memo?.coachIds.get(`${agencyId}/${clientUserId}`);
    if (known) return known;
    const rows: { coach_user_id: string }[] = await manager.query(
      `SELECT a.coach_user_id FROM coach_assignments a
         JOIN memberships m ON m.agency_id = a.agency_id AND m.user_id = a.coach_user_id AND m.role = $3
        WHERE a.agency_id = $1 AND a.client_user_id = $2 ORDER BY a.created_at`,
      [agencyId, clientUserId, Role.COACH],
    );
    const coachIds = rows.map((row) => row.coach_user_id);
    memo?.coachIds.set(`${agencyId}/${clientUserId}`, coachIds);
    return coachIds;
  }

  /** A coach's assigned clients, by name (the weekly caseload summary lists them). */
  async clientsOfCoach(
    agencyId: string,
    coachUserId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonContact[]> {
    const rows: PersonRow[] = await manager.query(
      `SELECT u.id AS user_id, u.name, u.email, COALESCE(u.timezone, a.timezone) AS timezone
         FROM coach_assignments ca
         JOIN users u ON u.id = ca.client_user_id
         JOIN agencies a ON a.id = ca.agency_id
        WHERE ca.agency_id = $1 AND ca.coach_user_id = $2
        ORDER BY u.name`,
      [agencyId, coachUserId],
    );
    return rows.map(personOf);
  }

  /** Every coach of every agency, agency by agency: for planners that book something per coach. */
  async allCoaches(manager: EntityManager = this.dataSource.manager): Promise<{ agencyId: string; userId: string }[]> {
    const rows: { agency_id: string; user_id: string }[] = await manager.query(
      `SELECT agency_id, user_id FROM memberships WHERE role = $1 ORDER BY agency_id`,
      [Role.COACH],
    );
    return rows.map((row) => ({ agencyId: row.agency_id, userId: row.user_id }));
  }

  /** The person's role in the agency, or null when they are not a member. */
  async roleOf(
    agencyId: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Role | null> {
    const rows: { role: Role }[] = await manager.query(
      `SELECT role FROM memberships WHERE agency_id = $1 AND user_id = $2`,
      [agencyId, userId],
    );
    return rows[0]?.role ?? null;
  }

  /** E-mail addresses whose mail the actor may read: an admin their agency's members', anyone else their own. */
  async mailAddressesReadableBy(actor: Actor): Promise<string[]> {
    const rows: { email: string }[] =
      actor.role === Role.AGENCY_ADMIN
        ? await this.dataSource.query(
            `SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.agency_id = $1`,
            [actor.agencyId],
          )
        : await this.dataSource.query(`SELECT email FROM users WHERE id = $1`, [actor.userId]);
    return rows.map((row) => row.email);
  }

  /**
   * The actor behind a signed link, as they are now: their current role in the agency, or null when
   * they are no longer a member (the link then does nothing). With `role`, only that role counts.
   */
  async memberActor(agencyId: string, userId: string, role?: Role): Promise<Actor | null> {
    const rows: { id: string; role: Role }[] = await this.dataSource.query(
      `SELECT id, role FROM memberships WHERE agency_id = $1 AND user_id = $2`,
      [agencyId, userId],
    );
    const membership = rows[0];
    if (!membership || (role && membership.role !== role)) return null;
    return { agencyId, userId, membershipId: membership.id, role: membership.role };
  }
}
