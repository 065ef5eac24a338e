import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, ClientIp, CurrentActor, Public } from '@followthrough/server-core';
import { AcceptInvitationInput, LoginInput, RegisterAgencyInput } from '../dto/identity.inputs';
import { AuthPayload, ViewerView } from '../dto/identity.types';
import { AuthService } from '../services/auth.service';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload, { description: 'Creates an agency and its first admin, and signs the admin in.' })
  registerAgency(@Args('input') input: RegisterAgencyInput): Promise<AuthPayload> {
    return this.auth.registerAgency(input);
  }

  @Public()
  @Mutation(() => AuthPayload)
  login(@Args('input') input: LoginInput, @ClientIp() ip: string): Promise<AuthPayload> {
    return this.auth.login(input, ip);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Joins the agency that sent the invitation; the token works once.' })
  acceptInvitation(@Args('input') input: AcceptInvitationInput, @ClientIp() ip: string): Promise<AuthPayload> {
    return this.auth.acceptInvitation(input, ip);
  }

  @Query(() => ViewerView)
  me(@CurrentActor() actor: Actor): Promise<ViewerView> {
    return this.auth.viewer(actor);
  }
}
