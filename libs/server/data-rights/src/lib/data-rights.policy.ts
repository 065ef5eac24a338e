import { Injectable } from '@nestjs/common';
import { Role } from '@followthrough/shared-domain';
import { Actor, forbidden, notFound } from '@followthrough/server-core';
import type { MemberIdentity } from '@followthrough/server-identity';

/**
 * Who may exercise data rights, in one place. A client downloads their own data; only an agency
 * admin erases a client (never a coach or another admin through this door) or deletes the agency.
 */
@Injectable()
export class DataRightsPolicy {
  assertMayDownloadOwnData(actor: Actor): void {
    if (actor.role !== Role.CLIENT) throw forbidden('Only a client can download their own data this way.');
  }

  assertIsAdmin(actor: Actor): void {
    if (actor.role !== Role.AGENCY_ADMIN) throw forbidden('Only an agency admin can do this.');
  }

  /** The person to erase must be a client of the admin's agency; anything else is NOT_FOUND. */
  assertErasableClient(member: MemberIdentity | null): asserts member is MemberIdentity {
    if (!member || member.role !== Role.CLIENT) throw notFound('Client');
  }
}
