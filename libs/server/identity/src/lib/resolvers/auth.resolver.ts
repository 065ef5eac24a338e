import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Actor,
  AllowedBeforeMfa,
  APP_CONFIG,
  AppConfig,
  ClientDevice,
  ClientIp,
  CurrentActor,
  GraphqlContext,
  Public,
} from '@followthrough/server-core';
import {
  AcceptInvitationInput,
  ChangePasswordInput,
  CompleteSignUpInput,
  LoginInput,
  RegisterAgencyInput,
  RequestPasswordResetInput,
  ResetPasswordInput,
} from '../dto/identity.inputs';
import { AuthPayload, SessionView, ViewerView } from '../dto/identity.types';
import { AuthService, SignedIn } from '../services/auth.service';
import { clearRefreshCookie, refreshTokenOf, setRefreshCookie } from '../services/session-cookie';
import { DeviceInfo, SessionService } from '../services/session.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Starts creating an agency: e-mails the address a link (single use, 24 hours) to confirm it and choose a password ' +
      '(completeSignUp). Answers true whether or not the address already has an account; if it has, its owner is told by e-mail instead.',
  })
  registerAgency(@Args('input') input: RegisterAgencyInput, @ClientIp() ip: string): Promise<boolean> {
    return this.auth.registerAgency(input, ip);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Creates the agency and its first admin from the link of the confirmation e-mail, with the password chosen now, and signs the admin in.',
  })
  async completeSignUp(
    @Args('input') input: CompleteSignUpInput,
    @ClientDevice() device: DeviceInfo,
    @Context() context: GraphqlContext,
  ): Promise<AuthPayload> {
    return this.answer(context, await this.auth.completeSignUp(input, device));
  }

  @Public()
  @Mutation(() => AuthPayload)
  async login(
    @Args('input') input: LoginInput,
    @ClientDevice() device: DeviceInfo,
    @Context() context: GraphqlContext,
  ): Promise<AuthPayload> {
    return this.answer(context, await this.auth.login(input, device));
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Joins the agency that sent the invitation; the token works once.' })
  async acceptInvitation(
    @Args('input') input: AcceptInvitationInput,
    @ClientDevice() device: DeviceInfo,
    @Context() context: GraphqlContext,
  ): Promise<AuthPayload> {
    return this.answer(context, await this.auth.acceptInvitation(input, device));
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Trades the refresh cookie for a new access token and a new refresh cookie. A refresh token used twice ends its session.',
  })
  async refreshSession(@ClientDevice() device: DeviceInfo, @Context() context: GraphqlContext): Promise<AuthPayload> {
    try {
      return this.answer(context, await this.auth.refresh(refreshTokenOf(context.req), device));
    } catch (error) {
      clearRefreshCookie(context.req, this.config.publicUrl);
      throw error;
    }
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'E-mails a password reset link (single use, 30 minutes) when the address has an account. Answers true either way.',
  })
  requestPasswordReset(@Args('input') input: RequestPasswordResetInput, @ClientIp() ip: string): Promise<boolean> {
    return this.auth.requestPasswordReset(input.email, ip);
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Sets a new password with the link of a reset e-mail; every session of the account ends.',
  })
  resetPassword(@Args('input') input: ResetPasswordInput, @ClientIp() ip: string): Promise<boolean> {
    return this.auth.resetPassword(input, ip);
  }

  @Query(() => [SessionView], {
    name: 'sessions',
    description: 'Your signed-in sessions, on every device and in every agency, most recently used first.',
  })
  sessionsOf(@CurrentActor() actor: Actor): Promise<SessionView[]> {
    return this.sessions.list(actor);
  }

  @Mutation(() => Boolean, {
    description: 'Ends one of your sessions (e.g. a lost phone); it stops working on its next request.',
  })
  revokeSession(
    @CurrentActor() actor: Actor,
    @Args('sessionId', { type: () => ID }) sessionId: string,
  ): Promise<boolean> {
    return this.sessions.revokeOwn(actor, sessionId);
  }

  @AllowedBeforeMfa()
  @Mutation(() => Boolean, { description: 'Ends this session: its access and refresh tokens stop working.' })
  async signOut(@CurrentActor() actor: Actor, @Context() context: GraphqlContext): Promise<boolean> {
    clearRefreshCookie(context.req, this.config.publicUrl);
    return this.auth.signOut(actor);
  }

  @AllowedBeforeMfa()
  @Mutation(() => Boolean, { description: 'Ends every session of yours, on every device and in every agency.' })
  async signOutEverywhere(@CurrentActor() actor: Actor, @Context() context: GraphqlContext): Promise<boolean> {
    clearRefreshCookie(context.req, this.config.publicUrl);
    return this.auth.signOutEverywhere(actor);
  }

  @Mutation(() => Boolean, { description: 'Changes your password; every other session of yours ends.' })
  changePassword(
    @CurrentActor() actor: Actor,
    @Args('input') input: ChangePasswordInput,
    @ClientIp() ip: string,
  ): Promise<boolean> {
    return this.auth.changePassword(actor, input, ip);
  }

  @AllowedBeforeMfa()
  @Query(() => ViewerView)
  me(@CurrentActor() actor: Actor): Promise<ViewerView> {
    return this.auth.viewer(actor);
  }

  private answer(context: GraphqlContext, signedIn: SignedIn): AuthPayload {
    setRefreshCookie(
      context.req,
      this.config.publicUrl,
      signedIn.session.refreshToken,
      signedIn.session.refreshExpiresAt,
    );
    return signedIn.payload;
  }
}
