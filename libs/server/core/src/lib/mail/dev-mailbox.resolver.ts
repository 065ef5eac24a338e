import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { ModuleRef } from '@nestjs/core';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { badInput, forbidden } from '../errors/app-errors';
import { DevMailMessage } from './dev-mailbox.types';
import { AGENCY_MAIL_HEADER } from './mail.port';
import { MailboxAddressBook } from './mailbox-address-book';
import { MailboxStore } from './mailbox.store';

/** The local mailbox of `npm start`: what the embedded SMTP sink received. Refused in production. */
@Resolver(() => DevMailMessage)
export class DevMailboxResolver {
  constructor(
    private readonly store: MailboxStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Whose mail the caller may read, as identity decides it (looked up late: identity sits above core). */
  private async readableAddresses(actor: Actor): Promise<Set<string>> {
    const book = this.moduleRef.get(MailboxAddressBook, { strict: false });
    const addresses = await book.mailAddressesReadableBy(actor);
    return new Set(addresses.map((address) => address.toLowerCase()));
  }

  @Query(() => [DevMailMessage], { description: 'Development only: the newest messages in the local mail sink.' })
  async devMailbox(
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<DevMailMessage[]> {
    if (this.config.production) throw forbidden('The development mailbox is not available in production.');
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw badInput('first', 'must be a whole number from 1 to 200');
    const readable = await this.readableAddresses(actor);
    // The sink is shared by every agency on this server: show only mail to people the caller may see.
    // One address may have been mailed by several agencies: only this agency's mail shows.
    const agencyHeader = AGENCY_MAIL_HEADER.toLowerCase();
    const messages = (await this.store.latest(1000))
      .filter(
        (message) =>
          message.headers[agencyHeader] === actor.agencyId &&
          message.to.some((address) => readable.has(address.toLowerCase())),
      )
      .slice(0, first);
    return messages.map(({ headers, ...message }) => ({
      ...message,
      listUnsubscribe: headers['list-unsubscribe'] ?? null,
    }));
  }
}
