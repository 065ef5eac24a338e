import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@followthrough/shared-domain';
import { IdentityDirectory } from '@followthrough/server-identity';
import { NotificationMode, NotificationPreference } from '../entities';
import { SignedLinkService } from '@followthrough/server-core';

export interface PreferenceChoice {
  mode?: NotificationMode;
  unsubscribed?: boolean;
}

export const UNSUBSCRIBE_PURPOSE = 'unsubscribe';
export const PREFERENCES_PURPOSE = 'preferences';
export const UNSUBSCRIBE_PATH = '/notifications/unsubscribe';
export const PREFERENCES_PATH = '/notifications/preferences';

/** Each person's choice of immediate e-mails, a daily digest, or none, and the signed links to change it. */
@Injectable()
export class NotificationPreferenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: SignedLinkService,
    private readonly identity: IdentityDirectory,
  ) {}

  async get(
    agencyId: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<NotificationPreference> {
    const stored = await manager.findOneBy(NotificationPreference, { agencyId, userId });
    if (stored) return stored;
    return Object.assign(new NotificationPreference(), {
      agencyId,
      userId,
      mode: await this.defaultMode(agencyId, userId, manager),
      unsubscribed: false,
    });
  }

  /** Until they choose, coaches get one daily digest (their clients' ignored steps add up); clients get each e-mail when due. */
  private async defaultMode(agencyId: string, userId: string, manager: EntityManager): Promise<NotificationMode> {
    const role = await this.identity.roleOf(agencyId, userId, manager);
    return role === Role.COACH ? NotificationMode.DAILY_DIGEST : NotificationMode.IMMEDIATE;
  }

  async set(
    agencyId: string,
    userId: string,
    choice: PreferenceChoice,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<NotificationPreference> {
    const current = await this.get(agencyId, userId, manager);
    await manager.upsert(
      NotificationPreference,
      {
        agencyId,
        userId,
        mode: choice.mode ?? current.mode,
        unsubscribed: choice.unsubscribed ?? current.unsubscribed,
      },
      ['agencyId', 'userId'],
    );
    return this.get(agencyId, userId, manager);
  }

  /** Applies a signed unsubscribe link; null when the token is not genuine or has expired. */
  async unsubscribeWithToken(token: string): Promise<NotificationPreference | null> {
    const verified = this.links.verify(UNSUBSCRIBE_PURPOSE, token);
    const { agencyId, userId } = verified?.claims ?? {};
    if (!agencyId || !userId) return null;
    return this.set(agencyId, userId, { unsubscribed: true });
  }

  /** Reads the person a signed preferences link is for; null when not genuine (an unsubscribe link is not one). */
  async withToken(token: string): Promise<NotificationPreference | null> {
    return this.personFor(PREFERENCES_PURPOSE, token);
  }

  /** Reads the person a signed unsubscribe link is for, to show its confirmation page. */
  async withUnsubscribeToken(token: string): Promise<NotificationPreference | null> {
    return this.personFor(UNSUBSCRIBE_PURPOSE, token);
  }

  private async personFor(purpose: string, token: string): Promise<NotificationPreference | null> {
    const { agencyId, userId } = this.links.verify(purpose, token)?.claims ?? {};
    if (!agencyId || !userId) return null;
    return this.get(agencyId, userId);
  }

  async setWithToken(token: string, choice: PreferenceChoice): Promise<NotificationPreference | null> {
    const person = await this.withToken(token);
    return person ? this.set(person.agencyId, person.userId, choice) : null;
  }

  unsubscribeUrl(agencyId: string, userId: string): string {
    return this.links.url(UNSUBSCRIBE_PATH, UNSUBSCRIBE_PURPOSE, { agencyId, userId });
  }

  preferencesUrl(agencyId: string, userId: string): string {
    return this.links.url(PREFERENCES_PATH, PREFERENCES_PURPOSE, { agencyId, userId });
  }
}
