import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role } from '@followthrough/shared-domain';
import { Actor, CurrentActor, Roles } from '@followthrough/server-core';
import { AssignClientInput, InviteMemberInput } from '../dto/identity.inputs';
import { CoachAssignmentView, InvitationView, MemberView } from '../dto/identity.types';
import { MembershipService } from '../services/membership.service';

@Resolver()
export class MembershipResolver {
  constructor(private readonly memberships: MembershipService) {}

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => InvitationView)
  inviteMember(@CurrentActor() actor: Actor, @Args('input') input: InviteMemberInput): Promise<InvitationView> {
    return this.memberships.invite(actor, input);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => CoachAssignmentView)
  assignClient(@CurrentActor() actor: Actor, @Args('input') input: AssignClientInput): Promise<CoachAssignmentView> {
    return this.memberships.assign(actor, input);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => Boolean)
  unassignClient(@CurrentActor() actor: Actor, @Args('input') input: AssignClientInput): Promise<boolean> {
    return this.memberships.unassign(actor, input);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Query(() => [MemberView], { description: "The agency's members, optionally of one role." })
  members(@CurrentActor() actor: Actor, @Args('role', { type: () => Role, nullable: true }) role?: Role): Promise<MemberView[]> {
    return this.memberships.members(actor, role);
  }

  @Roles(Role.COACH)
  @Query(() => [MemberView], { description: 'The clients assigned to the signed-in coach.' })
  myClients(@CurrentActor() actor: Actor): Promise<MemberView[]> {
    return this.memberships.clientsOfCoach(actor);
  }
}
