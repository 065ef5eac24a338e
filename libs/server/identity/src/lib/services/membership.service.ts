import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { normalizeEmail, Role } from '@followthrough/shared-domain';
import { Actor, badInput, notFound } from '@followthrough/server-core';
import { AssignClientInput, InviteMemberInput } from '../dto/identity.inputs';
import { CoachAssignmentView, InvitationView, MemberView } from '../dto/identity.types';
import { CoachAssignment } from '../entities/coach-assignment.entity';
import { Invitation } from '../entities/invitation.entity';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { memberOf } from './identity-views';
import { hashInvitationToken } from './auth.service';

export const INVITATION_TTL_DAYS = 7;

@Injectable()
export class MembershipService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const invitation = await this.dataSource.getRepository(Invitation).save({
      agencyId: actor.agencyId,
      email,
      role: input.role,
      tokenHash: hashInvitationToken(token),
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
      acceptedAt: null,
      invitedByUserId: actor.userId,
    });
    return { id: invitation.id, email, role: invitation.role, token, expiresAt: invitation.expiresAt };
  }

  async members(actor: Actor, role?: Role): Promise<MemberView[]> {
    const query = this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.user', 'user')
      .where('membership.agency_id = :agencyId', { agencyId: actor.agencyId })
      .orderBy('user.name')
      .addOrderBy('user.id');
    if (role) query.andWhere('membership.role = :role', { role });
    const memberships = await query.getMany();
    return memberships.map((membership) => memberOf(membership.user as User, membership));
  }

  async clientsOfCoach(actor: Actor): Promise<MemberView[]> {
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
      .getMany();
    return memberships.map((membership) => memberOf(membership.user as User, membership));
  }

  async assign(actor: Actor, input: AssignClientInput): Promise<CoachAssignmentView> {
    const coach = await this.memberWithRole(actor.agencyId, input.coachUserId, Role.COACH, 'Coach');
    const client = await this.memberWithRole(actor.agencyId, input.clientUserId, Role.CLIENT, 'Client');
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CoachAssignment)
      .values({ agencyId: actor.agencyId, coachUserId: coach.userId, clientUserId: client.userId })
      .orIgnore()
      .execute();
    return { coach, client };
  }

  async unassign(actor: Actor, input: AssignClientInput): Promise<boolean> {
    const result = await this.dataSource.getRepository(CoachAssignment).delete({
      agencyId: actor.agencyId,
      coachUserId: input.coachUserId,
      clientUserId: input.clientUserId,
    });
    if (!result.affected) throw notFound('Assignment');
    return true;
  }

  private async memberWithRole(agencyId: string, userId: string, role: Role, label: string): Promise<MemberView> {
    const membership = await this.dataSource
      .getRepository(Membership)
      .findOne({ where: { agencyId, userId, role }, relations: { user: true } });
    if (!membership?.user) throw notFound(label);
    return memberOf(membership.user, membership);
  }
}
