import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { normalizeEmail, Role } from '@followthrough/shared-domain';
import {
  Actor,
  AppError,
  assertPageSize,
  AuditService,
  badInput,
  ClientChanges,
  keysetConnection,
  keysetPageStart,
  notFound,
} from '@followthrough/server-core';
import {
  AssignClientInput,
  AssignClientsToCoachInput,
  ChangeMemberRoleInput,
  InviteMemberInput,
} from '../dto/identity.inputs';
import { CoachAssignmentView, InvitationView, MemberConnection, MemberView } from '../dto/identity.types';
import { Agency } from '../entities/agency.entity';
import { CoachAssignment } from '../entities/coach-assignment.entity';
import { Invitation } from '../entities/invitation.entity';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { memberOf } from './identity-views';
import { hashInvitationToken } from './auth.service';
import { IdentityMailService } from './identity-mail.service';

export const INVITATION_TTL_DAYS = 7;

@Injectable()
export class MembershipService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly changes: ClientChanges,
    private readonly mail: IdentityMailService,
  ) {}

  private readonly logger = new Logger('Memberships');

  async invite(actor: Actor, input: InviteMemberInput): Promise<InvitationView> {
    const email = normalizeEmail(input.email);
    const alreadyMember = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('membership')
      .innerJoin('membership.user', 'user')
      .where('membership.agency_id = :agencyId AND user.email = :email', { agencyId: actor.agencyId, email })
      .getExists();
    if (alreadyMember) throw badInput('input.email', 'this person is already a member of your agency');

    const token = randomBytes(32).toString('base64url');
    const [agency, inviter] = await Promise.all([
      this.dataSource.getRepository(Agency).findOneByOrFail({ id: actor.agencyId }),
      this.dataSource.getRepository(User).findOneByOrFail({ id: actor.userId }),
    ]);
    const invitation = await this.dataSource.getRepository(Invitation).save({
      agencyId: actor.agencyId,
      email,
      role: input.role,
      tokenHash: hashInvitationToken(token),
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
      acceptedAt: null,
      invitedByUserId: actor.userId,
    });
    // The e-mail holds the only copy of the token: whoever accepts has read that mailbox.
    try {
      await this.mail.invitation(email, {
        agencyName: agency.name,
        inviterName: inviter.name,
        role: input.role,
        token,
      });
    } catch (error) {
      await this.dataSource.getRepository(Invitation).delete({ id: invitation.id, agencyId: actor.agencyId });
      this.logger.warn(`Could not send an invitation: ${error instanceof Error ? error.message : String(error)}`);
      throw new AppError(
        'MAIL_UNAVAILABLE',
        'The invitation e-mail could not be sent, so no invitation was made. Try again in a few minutes.',
      );
    }
    return {
      id: invitation.id,
      email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      createdAt: invitation.createdAt,
    };
  }

  /** Invitations nobody has accepted yet and that have not expired, newest first. */
  async pendingInvitations(actor: Actor): Promise<InvitationView[]> {
    const invitations = await this.dataSource
      .getRepository(Invitation)
      .createQueryBuilder('invitation')
      .where('invitation.agency_id = :agencyId AND invitation.accepted_at IS NULL AND invitation.expires_at > now()', {
        agencyId: actor.agencyId,
      })
      .orderBy('invitation.created_at', 'DESC')
      .addOrderBy('invitation.id')
      .getMany();
    return invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      expiresAt: i.expiresAt,
      createdAt: i.createdAt,
    }));
  }

  /** Deletes a pending invitation of the actor's agency, so that its token stops working. */
  async revokeInvitation(actor: Actor, invitationId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(Invitation)
        .where('id = :invitationId AND agency_id = :agencyId AND accepted_at IS NULL', {
          invitationId,
          agencyId: actor.agencyId,
        })
        .execute();
      if (!result.affected) throw notFound('Invitation');
      await this.audit.record(
        actor,
        { action: 'invitation.revoked', entityType: 'invitation', entityId: invitationId },
        manager,
      );
      return true;
    });
  }

  /**
   * Takes a member out of the agency: the membership, its sessions (by cascade) and its coach
   * assignments go. The account stays, since it may belong to other agencies.
   */
  async removeMember(actor: Actor, userId: string): Promise<boolean> {
    if (userId === actor.userId) throw badInput('userId', 'you cannot remove yourself; ask another admin');
    return this.dataSource.transaction(async (manager) => {
      const membership = await this.lockMembership(manager, actor.agencyId, userId);
      if (membership.role === Role.AGENCY_ADMIN)
        await this.ensureAnotherAdmin(manager, actor.agencyId, userId, 'userId');
      await this.clientsLeaving(manager, actor.agencyId, userId);
      await manager.query(
        `DELETE FROM coach_assignments WHERE agency_id = $1 AND (coach_user_id = $2 OR client_user_id = $2)`,
        [actor.agencyId, userId],
      );
      await manager.delete(Membership, { id: membership.id });
      await this.audit.record(
        actor,
        { action: 'member.removed', entityType: 'membership', entityId: membership.id, subjectUserId: userId },
        manager,
      );
      return true;
    });
  }

  /** Gives a member another role; their current tokens stop working, so the change applies on their next request. */
  async changeMemberRole(actor: Actor, input: ChangeMemberRoleInput): Promise<MemberView> {
    return this.dataSource.transaction(async (manager) => {
      const membership = await this.lockMembership(manager, actor.agencyId, input.userId);
      if (membership.role !== input.role) {
        if (membership.role === Role.AGENCY_ADMIN)
          await this.ensureAnotherAdmin(manager, actor.agencyId, input.userId, 'input.role');
        // Assignments pair a coach with a client; with another role they no longer mean anything.
        await this.clientsLeaving(manager, actor.agencyId, input.userId);
        if (input.role === Role.CLIENT) await this.changes.changed(manager, actor.agencyId, input.userId);
        await manager.query(
          `DELETE FROM coach_assignments WHERE agency_id = $1 AND (coach_user_id = $2 OR client_user_id = $2)`,
          [actor.agencyId, input.userId],
        );
        await manager.update(Membership, { id: membership.id }, { role: input.role });
        await this.audit.record(
          actor,
          {
            action: 'member.role_changed',
            entityType: 'membership',
            entityId: membership.id,
            subjectUserId: input.userId,
          },
          manager,
        );
      }
      const user = await manager.findOneByOrFail(User, { id: input.userId });
      return memberOf(user, { ...membership, role: input.role });
    });
  }

  async members(actor: Actor, role: Role | undefined, first: number): Promise<MemberView[]> {
    assertPageSize(first);
    const query = this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.user', 'user')
      .where('membership.agency_id = :agencyId', { agencyId: actor.agencyId })
      .orderBy('user.name')
      .addOrderBy('user.id');
    if (role) query.andWhere('membership.role = :role', { role });
    const memberships = await query.limit(first).getMany();
    return this.withAssignments(
      actor.agencyId,
      memberships.map((membership) => memberOf(membership.user as User, membership)),
    );
  }

  /** Assigns clients to one coach in one transaction: every client must be a client of the agency. */
  async assignMany(actor: Actor, input: AssignClientsToCoachInput): Promise<MemberView[]> {
    const clientUserIds = [...new Set(input.clientUserIds)];
    const coach = await this.memberWithRole(actor.agencyId, input.coachUserId, Role.COACH, 'Coach');
    const clients = await this.dataSource.transaction(async (manager) => {
      const memberships = await manager
        .getRepository(Membership)
        .createQueryBuilder('membership')
        .innerJoinAndSelect('membership.user', 'user')
        .where('membership.agency_id = :agencyId AND membership.role = :role AND membership.user_id = ANY(:ids)', {
          agencyId: actor.agencyId,
          role: Role.CLIENT,
          ids: clientUserIds,
        })
        .getMany();
      if (memberships.length !== clientUserIds.length) throw notFound('Client');
      await manager
        .createQueryBuilder()
        .insert()
        .into(CoachAssignment)
        .values(
          clientUserIds.map((clientUserId) => ({ agencyId: actor.agencyId, coachUserId: coach.userId, clientUserId })),
        )
        .orIgnore()
        .execute();
      for (const clientUserId of clientUserIds) {
        await this.audit.record(
          actor,
          { action: 'client.assigned', entityType: 'User', entityId: coach.userId, subjectUserId: clientUserId },
          manager,
        );
        // Who coaches a client shapes the radar and dashboard rows: the read model redoes them.
        await this.changes.changed(manager, actor.agencyId, clientUserId);
      }
      return memberships.map((membership) => memberOf(membership.user as User, membership));
    });
    return this.withAssignments(actor.agencyId, clients);
  }

  /** Who coaches whom among these members, from one read of their assignments. */
  private async withAssignments(agencyId: string, members: MemberView[]): Promise<MemberView[]> {
    const rows: { coach_user_id: string; client_user_id: string }[] = await this.dataSource.query(
      `SELECT coach_user_id, client_user_id FROM coach_assignments
        WHERE agency_id = $1 AND (coach_user_id = ANY($2::uuid[]) OR client_user_id = ANY($2::uuid[]))
        ORDER BY created_at, coach_user_id`,
      [agencyId, members.map((member) => member.userId)],
    );
    return members.map((member) => ({
      ...member,
      coachUserIds: rows.filter((row) => row.client_user_id === member.userId).map((row) => row.coach_user_id),
      clientUserIds: rows.filter((row) => row.coach_user_id === member.userId).map((row) => row.client_user_id),
    }));
  }

  async clientsOfCoach(actor: Actor, first: number): Promise<MemberView[]> {
    assertPageSize(first);
    const memberships = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.user', 'user')
      .innerJoin(
        CoachAssignment,
        'assignment',
        'assignment.agency_id = membership.agency_id AND assignment.client_user_id = membership.user_id',
      )
      .where('membership.agency_id = :agencyId AND membership.role = :role AND assignment.coach_user_id = :coachId', {
        agencyId: actor.agencyId,
        role: Role.CLIENT,
        coachId: actor.userId,
      })
      .orderBy('user.name')
      .addOrderBy('user.id')
      .limit(first)
      .getMany();
    return memberships.map((membership) => memberOf(membership.user as User, membership));
  }

  /** The agency's members in the order they joined, a page at a time (keyset on joined-at and membership id). */
  async memberPage(
    actor: Actor,
    role: Role | undefined,
    first: number,
    after: string | null,
  ): Promise<MemberConnection> {
    const position = keysetPageStart(first, after);
    const query = this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.user', 'user')
      .where('membership.agency_id = :agencyId', { agencyId: actor.agencyId });
    if (role) query.andWhere('membership.role = :role', { role });
    if (position)
      query.andWhere(
        '(membership.created_at, membership.id) > (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))',
        {
          afterAt: position.at,
          afterId: position.id,
        },
      );
    const rows = await query
      .orderBy('membership.created_at', 'ASC')
      .addOrderBy('membership.id', 'ASC')
      .limit(first + 1)
      .getMany();
    const page = keysetConnection(
      rows,
      first,
      (membership) => ({ at: membership.createdAt, id: membership.id }),
      (membership) => memberOf(membership.user as User, membership),
    );
    const nodes = await this.withAssignments(
      actor.agencyId,
      page.edges.map((edge) => edge.node),
    );
    return {
      ...page,
      edges: page.edges.map((edge, index) => ({ cursor: edge.cursor, node: nodes[index] as MemberView })),
    };
  }

  /** The signed-in coach's clients in the order they were assigned, a page at a time. */
  async clientPage(actor: Actor, first: number, after: string | null): Promise<MemberConnection> {
    const position = keysetPageStart(first, after);
    const rows: (Record<string, string> & { joined_at: Date; assigned_at: Date })[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.email, u.name, m.role, m.created_at AS joined_at, a.created_at AS assigned_at
         FROM coach_assignments a
         JOIN memberships m ON m.agency_id = a.agency_id AND m.user_id = a.client_user_id AND m.role = $3
         JOIN users u ON u.id = a.client_user_id
        WHERE a.agency_id = $1 AND a.coach_user_id = $2
          AND ($4::timestamptz IS NULL OR (a.created_at, a.client_user_id) > ($4::timestamptz, $5::uuid))
        ORDER BY a.created_at, a.client_user_id
        LIMIT $6`,
      [actor.agencyId, actor.userId, Role.CLIENT, position?.at ?? null, position?.id ?? null, first + 1],
    );
    return keysetConnection(
      rows,
      first,
      (row) => ({ at: row.assigned_at, id: row['user_id'] as string }),
      (row) => ({
        userId: row['user_id'] as string,
        email: row['email'] as string,
        name: row['name'] as string,
        role: row['role'] as Role,
        joinedAt: row.joined_at,
      }),
    );
  }

  async assign(actor: Actor, input: AssignClientInput): Promise<CoachAssignmentView> {
    const coach = await this.memberWithRole(actor.agencyId, input.coachUserId, Role.COACH, 'Coach');
    const client = await this.memberWithRole(actor.agencyId, input.clientUserId, Role.CLIENT, 'Client');
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(CoachAssignment)
        .values({ agencyId: actor.agencyId, coachUserId: coach.userId, clientUserId: client.userId })
        .orIgnore()
        .execute();
      await this.changes.changed(manager, actor.agencyId, client.userId);
    });
    return { coach, client };
  }

  async unassign(actor: Actor, input: AssignClientInput): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(CoachAssignment).delete({
        agencyId: actor.agencyId,
        coachUserId: input.coachUserId,
        clientUserId: input.clientUserId,
      });
      if (!result.affected) throw notFound('Assignment');
      await this.changes.changed(manager, actor.agencyId, input.clientUserId);
      return true;
    });
  }

  /**
   * A member's assignments are about to go (removal, another role): the clients concerned — the member if a
   * client, a coach's caseload — are reported to ClientChanges, so read models counting them per coach or per
   * agency (insights) recount them in this transaction.
   */
  private async clientsLeaving(manager: EntityManager, agencyId: string, userId: string): Promise<void> {
    const rows: { client_user_id: string }[] = await manager.query(
      `SELECT client_user_id FROM coach_assignments WHERE agency_id = $1 AND coach_user_id = $2
       UNION SELECT user_id FROM memberships WHERE agency_id = $1 AND user_id = $2 AND role = 'CLIENT'`,
      [agencyId, userId],
    );
    for (const row of rows) await this.changes.changed(manager, agencyId, row.client_user_id);
  }

  private async lockMembership(manager: EntityManager, agencyId: string, userId: string): Promise<Membership> {
    const membership = await manager
      .getRepository(Membership)
      .createQueryBuilder('membership')
      .setLock('pessimistic_write')
      .where('membership.agency_id = :agencyId AND membership.user_id = :userId', { agencyId, userId })
      .getOne();
    if (!membership) throw notFound('Member');
    return membership;
  }

  /** An agency always keeps an admin; the admins' rows are locked so two demotions cannot both pass. */
  private async ensureAnotherAdmin(
    manager: EntityManager,
    agencyId: string,
    userId: string,
    field: string,
  ): Promise<void> {
    const admins: { user_id: string }[] = await manager.query(
      `SELECT user_id FROM memberships WHERE agency_id = $1 AND role = $2 FOR UPDATE`,
      [agencyId, Role.AGENCY_ADMIN],
    );
    if (!admins.some((admin) => admin.user_id !== userId)) {
      throw badInput(field, 'the agency needs at least one admin; make someone else an admin first');
    }
  }

  private async memberWithRole(agencyId: string, userId: string, role: Role, label: string): Promise<MemberView> {
    const membership = await this.dataSource
      .getRepository(Membership)
      .findOne({ where: { agencyId, userId, role }, relations: { user: true } });
    if (!membership?.user) throw notFound(label);
    return memberOf(membership.user, membership);
  }
}
