import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@followthrough/shared-domain';
import { Actor, CurrentActor, GraphqlContext } from '@followthrough/server-core';
import { ApplicationSummaryView } from '@followthrough/server-pipeline';
import { ActionFilter, CreateActionInput } from '../dto/vents.inputs';
import { ActionConnection, ActionView } from '../dto/vents.types';
import { VentsLoaders } from '../loaders/vents-loaders';
import { ActionService } from '../services/action.service';
import { applicationSummaryView } from '../services/vents-views';

@Resolver(() => ActionView)
export class ActionResolver {
  constructor(
    private readonly actionService: ActionService,
    private readonly loaders: VentsLoaders,
  ) {}

  @Query(() => ActionConnection, {
    description: `Actions the caller may see, newest first. \`first\` is 1–${MAX_PAGE_SIZE}.`,
  })
  actions(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ActionFilter, nullable: true }) filter?: ActionFilter,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ActionConnection> {
    return this.actionService.list(actor, filter ?? {}, first, after);
  }

  @Mutation(() => ActionView, {
    description: 'A client plans a step; a coach or admin sets one for a client (recorded as on behalf).',
  })
  createAction(@CurrentActor() actor: Actor, @Args('input') input: CreateActionInput): Promise<ActionView> {
    return this.actionService.create(actor, input);
  }

  @Mutation(() => ActionView)
  completeAction(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ActionView> {
    return this.actionService.complete(actor, id);
  }

  @Mutation(() => ActionView)
  dropAction(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ActionView> {
    return this.actionService.drop(actor, id);
  }

  @ResolveField(() => ApplicationSummaryView, { nullable: true })
  async application(
    @Parent() action: ActionView,
    @CurrentActor() actor: Actor,
    @Context() context: GraphqlContext,
  ): Promise<ApplicationSummaryView | null> {
    if (!action.applicationId) return null;
    const summary = await this.loaders.of(context, actor).application.load(action.applicationId);
    return summary ? applicationSummaryView(summary) : null;
  }
}
