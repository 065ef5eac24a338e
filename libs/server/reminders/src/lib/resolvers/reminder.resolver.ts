import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE } from '@followthrough/shared-domain';
import { Actor, CurrentActor } from '@followthrough/server-core';
import { ReminderFilter } from '../dto/reminder.inputs';
import { ReminderConnection, ReminderView } from '../dto/reminder.types';
import { ReminderQueryService } from '../services/reminder-query.service';
import { ReminderRetryService } from '../services/reminder-retry.service';

@Resolver(() => ReminderView)
export class ReminderResolver {
  constructor(
    private readonly query: ReminderQueryService,
    private readonly retries: ReminderRetryService,
  ) {}

  @Query(() => ReminderConnection, {
    description: 'Reminders and their delivery status: a client’s own, a coach’s and their clients’, all for an admin.',
  })
  reminders(
    @CurrentActor() actor: Actor,
    // Optional, not `| null`: a union type hides the class from the validation pipe, which then checks nothing.
    @Args('filter', { type: () => ReminderFilter, nullable: true }) filter?: ReminderFilter,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ReminderConnection> {
    return this.query.list(actor, filter ?? {}, first, after);
  }

  @Mutation(() => ReminderView, {
    description: 'Agency admins: send a FAILED reminder again (also lifts its address’s refusal mark).',
  })
  retryReminder(
    @CurrentActor() actor: Actor,
    @Args('reminderId', { type: () => ID }) reminderId: string,
  ): Promise<ReminderView> {
    return this.retries.retry(actor, reminderId);
  }
}
