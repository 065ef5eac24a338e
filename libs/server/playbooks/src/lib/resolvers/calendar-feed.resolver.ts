import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@followthrough/server-core';
import { CalendarFeedService } from '../calendar/calendar-feed.service';

@Resolver()
export class CalendarFeedResolver {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Query(() => String, { description: "A subscribable iCalendar URL of a client's due steps (your own when clientUserId is omitted)." })
  calendarFeedUrl(
    @CurrentActor() actor: Actor,
    @Args('clientUserId', { type: () => ID, nullable: true }) clientUserId?: string,
  ): Promise<string> {
    return this.feeds.feedUrl(actor, clientUserId ?? actor.userId);
  }
}
