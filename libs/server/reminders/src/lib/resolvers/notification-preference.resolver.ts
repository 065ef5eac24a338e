import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Public } from '@followthrough/server-core';
import { NotificationPreferenceInput } from '../dto/reminder.inputs';
import { NotificationPreferenceView } from '../dto/reminder.types';
import { NotificationPreferenceService } from '../services/notification-preference.service';

@Resolver(() => NotificationPreferenceView)
export class NotificationPreferenceResolver {
  constructor(private readonly preferences: NotificationPreferenceService) {}

  @Query(() => NotificationPreferenceView, { description: 'How I get reminder e-mails in this agency.' })
  myNotificationPreference(@CurrentActor() actor: Actor): Promise<NotificationPreferenceView> {
    return this.preferences.get(actor.agencyId, actor.userId);
  }

  @Mutation(() => NotificationPreferenceView)
  setMyNotificationPreference(
    @CurrentActor() actor: Actor,
    @Args('input') input: NotificationPreferenceInput,
  ): Promise<NotificationPreferenceView> {
    return this.preferences.set(actor.agencyId, actor.userId, input);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Applies the signed unsubscribe link of a reminder e-mail (no sign-in). False when the link is not valid.',
  })
  async unsubscribe(@Args('token') token: string): Promise<boolean> {
    return (await this.preferences.unsubscribeWithToken(token)) !== null;
  }
}
