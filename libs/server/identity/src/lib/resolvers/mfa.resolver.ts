import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Role } from '@followthrough/shared-domain';
import { Actor, AllowedBeforeMfa, CurrentActor, Roles } from '@followthrough/server-core';
import { MfaCodeInput } from '../dto/identity.inputs';
import { MfaEnrolmentView } from '../dto/identity.types';
import { MfaService } from '../services/mfa.service';

@Resolver()
export class MfaResolver {
  constructor(private readonly mfa: MfaService) {}

  @AllowedBeforeMfa()
  @Mutation(() => MfaEnrolmentView, { description: 'Starts setting up two-step sign-in with an authenticator app.' })
  startMfaEnrolment(@CurrentActor() actor: Actor): Promise<MfaEnrolmentView> {
    return this.mfa.startEnrolment(actor);
  }

  @AllowedBeforeMfa()
  @Mutation(() => [String], {
    description: 'Turns two-step sign-in on with a first code; answers ten single-use recovery codes, shown this once.',
  })
  confirmMfaEnrolment(@CurrentActor() actor: Actor, @Args('input') input: MfaCodeInput): Promise<string[]> {
    return this.mfa.confirmEnrolment(actor, input.code);
  }

  @Mutation(() => Boolean, {
    description: 'Confirms it is you with a fresh code, before a sensitive operation (valid 10 minutes).',
  })
  verifyMfa(@CurrentActor() actor: Actor, @Args('input') input: MfaCodeInput): Promise<boolean> {
    return this.mfa.verify(actor, input.code);
  }

  @Mutation(() => Boolean, { description: 'Turns two-step sign-in off; takes a current code.' })
  disableMfa(@CurrentActor() actor: Actor, @Args('input') input: MfaCodeInput): Promise<boolean> {
    return this.mfa.disable(actor, input.code);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => Boolean, {
    description:
      "Makes two-step sign-in required for the agency's admins and coaches (or not); answers the new setting.",
  })
  setAgencyMfaRequired(@CurrentActor() actor: Actor, @Args('required') required: boolean): Promise<boolean> {
    return this.mfa.setAgencyRequirement(actor, required);
  }
}
