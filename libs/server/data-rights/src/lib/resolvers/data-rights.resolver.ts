import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Role } from '@followthrough/shared-domain';
import { Actor, CurrentActor, RequiresRecentMfa, Roles } from '@followthrough/server-core';
import { ClientErasureView, DeleteAgencyInput, EraseClientInput } from '../dto/data-rights.types';
import { DataRightsService } from '../services/data-rights.service';

@Resolver()
export class DataRightsResolver {
  constructor(private readonly rights: DataRightsService) {}

  @Roles(Role.AGENCY_ADMIN)
  @RequiresRecentMfa()
  @Mutation(() => ClientErasureView, {
    description:
      'Admins, on a client’s request: deletes (DELETE) or anonymises (ANONYMISE) a client of the agency. Audited without naming them.',
  })
  eraseClient(@CurrentActor() actor: Actor, @Args('input') input: EraseClientInput): Promise<ClientErasureView> {
    return this.rights.eraseClient(actor, input.clientUserId, input.mode);
  }

  @Roles(Role.AGENCY_ADMIN)
  @RequiresRecentMfa()
  @Mutation(() => Boolean, {
    description:
      'Admins: deletes the whole agency, every member’s data in it, and accounts that belong to no other agency. Type the agency’s name to confirm.',
  })
  deleteAgency(@CurrentActor() actor: Actor, @Args('input') input: DeleteAgencyInput): Promise<boolean> {
    return this.rights.deleteAgency(actor, input.agencyName);
  }
}
