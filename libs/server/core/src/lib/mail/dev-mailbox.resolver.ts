import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { badInput, forbidden } from '../errors/app-errors';
import { DevMailMessage } from './dev-mailbox.types';
import { MailboxStore } from './mailbox.store';

/** The local mailbox of `npm start`: what the embedded SMTP sink received. Refused in production. */
@Resolver(() => DevMailMessage)
export class DevMailboxResolver {
  constructor(
    private readonly store: MailboxStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => [DevMailMessage], { description: 'Development only: the newest messages in the local mail sink.' })
  async devMailbox(@Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<DevMailMessage[]> {
    if (this.config.production) throw forbidden('The development mailbox is not available in production.');
    if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first', 'must be a whole number from 1 to 200');
    const messages = await this.store.latest(first);
    return messages.map(({ headers, ...message }) => ({ ...message, listUnsubscribe: headers['list-unsubscribe'] ?? null }));
  }
}
