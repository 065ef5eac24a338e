import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Role } from '@followthrough/shared-domain';
import { Actor, CurrentActor, RequiresRecentMfa, Roles } from '@followthrough/server-core';
import {
  AssignClientInput,
  AssignClientsToCoachInput,
  ChangeMemberRoleInput,
  InviteMemberInput,
} from '../dto/identity.inputs';
import { CoachAssignmentView, InvitationView, MemberConnection, MemberView } from '../dto/identity.types';
import { MembershipService } from '../services/membership.service';

@Resolver()
export class MembershipResolver {
  constructor(private readonly memberships: MembershipService) {}

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => InvitationView, {
    description:
      'E-mails an invitation link (7 days, single use) to the address. Nothing is saved when the e-mail cannot be sent.',
  })
  inviteMember(@CurrentActor() actor: Actor, @Args('input') input: InviteMemberInput): Promise<InvitationView> {
    return this.memberships.invite(actor, input);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Query(() => [InvitationView], {
    description: 'Invitations not yet accepted and not expired, newest first.',
  })
  invitations(@CurrentActor() actor: Actor): Promise<InvitationView[]> {
    return this.memberships.pendingInvitations(actor);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => Boolean, { description: 'Withdraws a pending invitation; its link stops working at once.' })
  revokeInvitation(
    @CurrentActor() actor: Actor,
    @Args('invitationId', { type: () => ID }) invitationId: string,
  ): Promise<boolean> {
    return this.memberships.revokeInvitation(actor, invitationId);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => Boolean, { description: 'Takes a member out of the agency; their sessions here end at once.' })
  removeMember(@CurrentActor() actor: Actor, @Args('userId', { type: () => ID }) userId: string): Promise<boolean> {
    return this.memberships.removeMember(actor, userId);
  }

  @Roles(Role.AGENCY_ADMIN)
  @RequiresRecentMfa()
  @Mutation(() => MemberView, {
    description: "Changes a member's role; their current access token stops working, a refresh carries the new role.",
  })
  changeMemberRole(@CurrentActor() actor: Actor, @Args('input') input: ChangeMemberRoleInput): Promise<MemberView> {
    return this.memberships.changeMemberRole(actor, input);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => CoachAssignmentView)
  assignClient(@CurrentActor() actor: Actor, @Args('input') input: AssignClientInput): Promise<CoachAssignmentView> {
    return this.memberships.assign(actor, input);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => [MemberView], {
    description: 'Assigns several clients to one coach, all or none; returns those clients with their coaches.',
  })
  assignClientsToCoach(
    @CurrentActor() actor: Actor,
    @Args('input') input: AssignClientsToCoachInput,
  ): Promise<MemberView[]> {
    return this.memberships.assignMany(actor, input);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => Boolean)
  unassignClient(@CurrentActor() actor: Actor, @Args('input') input: AssignClientInput): Promise<boolean> {
    return this.memberships.unassign(actor, input);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Query(() => [MemberView], {
    description: `The agency's members by name, optionally of one role: the first \`first\` (at most ${MAX_PAGE_SIZE}). memberPage walks all of them.`,
  })
  members(
    @CurrentActor() actor: Actor,
    @Args('role', { type: () => Role, nullable: true }) role?: Role,
    @Args('first', { type: () => Int, defaultValue: MAX_PAGE_SIZE }) first?: number,
  ): Promise<MemberView[]> {
    return this.memberships.members(actor, role, first ?? MAX_PAGE_SIZE);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Query(() => MemberConnection, {
    description: `The agency's members in the order they joined, \`first\` (1–${MAX_PAGE_SIZE}) at a time after the cursor \`after\`.`,
  })
  memberPage(
    @CurrentActor() actor: Actor,
    @Args('role', { type: () => Role, nullable: true }) role?: Role,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<MemberConnection> {
    return this.memberships.memberPage(actor, role, first ?? DEFAULT_PAGE_SIZE, after ?? null);
  }

  @Roles(Role.COACH)
  @Query(() => [MemberView], {
    description: `The clients assigned to the signed-in coach, by name: the first \`first\` (at most ${MAX_PAGE_SIZE}). myClientPage walks all of them.`,
  })
  myClients(
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, defaultValue: MAX_PAGE_SIZE }) first?: number,
  ): Promise<MemberView[]> {
    return this.memberships.clientsOfCoach(actor, first ?? MAX_PAGE_SIZE);
  }

  @Roles(Role.COACH)
  @Query(() => MemberConnection, {
    description: `The signed-in coach's clients in the order they were assigned, \`first\` (1–${MAX_PAGE_SIZE}) at a time.`,
  })
  myClientPage(
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<MemberConnection> {
    return this.memberships.clientPage(actor, first ?? DEFAULT_PAGE_SIZE, after ?? null);
  }
}
