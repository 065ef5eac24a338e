import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@followthrough/server-core';
import { CalendarFeedService } from '../calendar/calendar-feed.service';

@Resolver()
export class CalendarFeedResolver {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Query(() => String, {
    description: "A subscribable iCalendar URL of a client's due steps (your own when clientUserId is omitted).",
  })
  calendarFeedUrl(
    @CurrentActor() actor: Actor,
    @Args('clientUserId', { type: () => ID, nullable: true }) clientUserId?: string,
  ): Promise<string> {
    return this.feeds.feedUrl(actor, clientUserId ?? actor.userId);
  }

  @Mutation(() => String, {
    description: 'A new calendar URL for the same feed; every earlier URL of it stops working.',
  })
  regenerateCalendarFeedUrl(
    @CurrentActor() actor: Actor,
    @Args('clientUserId', { type: () => ID, nullable: true }) clientUserId?: string,
  ): Promise<string> {
    return this.feeds.regenerateFeedUrl(actor, clientUserId ?? actor.userId);
  }
}
