import { Actor } from '../auth/actor';

/**
 * Whose mail a person may read in the development mailbox. People and memberships belong to
 * identity, which provides this; core only declares what it needs, as it sits below every context.
 */
export abstract class MailboxAddressBook {
  /** Addresses (any case) whose messages the actor may see. */
  abstract mailAddressesReadableBy(actor: Actor): Promise<string[]>;
}
