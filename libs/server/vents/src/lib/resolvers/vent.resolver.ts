import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  DEFAULT_NESTED_LIST_SIZE,
  DEFAULT_PAGE_SIZE,
  MAX_NESTED_LIST_SIZE,
  MAX_PAGE_SIZE,
  nestedListSizeProblem,
  Role,
} from '@followthrough/shared-domain';
import { Actor, badInput, CurrentActor, GraphqlContext, Roles } from '@followthrough/server-core';
import { ApplicationSummaryView } from '@followthrough/server-pipeline';
import {
  ConvertVentToActionsInput,
  CreateVentInput,
  SetVentSharingInput,
  VentFilter,
  VentStatsFilter,
} from '../dto/vents.inputs';
import { ActionDraftView, ActionView, VentConnection, VentStatsView, VentView } from '../dto/vents.types';
import { VentsLoaders } from '../loaders/vents-loaders';
import { VentService } from '../services/vent.service';
import { actionView, applicationSummaryView } from '../services/vents-views';

@Resolver(() => VentView)
export class VentResolver {
  constructor(
    private readonly ventService: VentService,
    private readonly loaders: VentsLoaders,
  ) {}

  @Roles(Role.CLIENT)
  @Mutation(() => VentView, { description: 'Private until you share it with your coach.' })
  createVent(@CurrentActor() actor: Actor, @Args('input') input: CreateVentInput): Promise<VentView> {
    return this.ventService.create(actor, input);
  }

  @Roles(Role.CLIENT)
  @Mutation(() => VentView, { description: 'Shares a vent with your coaches, or takes it back.' })
  setVentSharing(@CurrentActor() actor: Actor, @Args('input') input: SetVentSharingInput): Promise<VentView> {
    return this.ventService.setSharing(actor, input);
  }

  @Roles(Role.CLIENT, Role.COACH)
  @Query(() => VentConnection, {
    description: `A client's own vents, or the vents a coach's clients shared; newest first. Admins use ventStats. \`first\` is 1–${MAX_PAGE_SIZE}.`,
  })
  vents(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => VentFilter, nullable: true }) filter?: VentFilter,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<VentConnection> {
    return this.ventService.list(actor, filter ?? {}, first, after);
  }

  @Roles(Role.CLIENT, Role.COACH)
  @Query(() => VentView, { description: "A coach's read is audited." })
  vent(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<VentView> {
    return this.ventService.get(actor, id);
  }

  @Roles(Role.CLIENT, Role.COACH)
  @Query(() => [ActionDraftView], {
    description: "Concrete next steps for the vent's themes, tied to the client's applications.",
  })
  suggestedActions(
    @CurrentActor() actor: Actor,
    @Args('ventId', { type: () => ID }) ventId: string,
  ): Promise<ActionDraftView[]> {
    return this.ventService.suggestions(actor, ventId);
  }

  @Roles(Role.CLIENT, Role.COACH)
  @Mutation(() => VentView, { description: 'Creates the actions (all or none); the vent becomes ACTIONED.' })
  convertVentToActions(
    @CurrentActor() actor: Actor,
    @Args('input') input: ConvertVentToActionsInput,
  ): Promise<VentView> {
    return this.ventService.convert(actor, input);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Query(() => VentStatsView, {
    description: "Counts of the agency's vents by state, mood and theme; never their text.",
  })
  ventStats(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => VentStatsFilter, nullable: true }) filter?: VentStatsFilter,
  ): Promise<VentStatsView> {
    return this.ventService.stats(actor, filter ?? {});
  }

  @ResolveField(() => [ActionView], { description: `Oldest first; \`first\` is 1–${MAX_NESTED_LIST_SIZE}.` })
  async actions(
    @Parent() vent: VentView,
    @CurrentActor() actor: Actor,
    @Context() context: GraphqlContext,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_NESTED_LIST_SIZE }) first: number,
  ): Promise<ActionView[]> {
    const problem = nestedListSizeProblem(first);
    if (problem) throw badInput('first', problem);
    return (await this.loaders.of(context, actor).actionsOfVent.load(vent.id))
      .slice(0, first)
      .map((row) => actionView(row, !vent.sharedWithCoach, actor.userId !== row.clientUserId));
  }

  @ResolveField(() => ApplicationSummaryView, { nullable: true })
  async application(
    @Parent() vent: VentView,
    @CurrentActor() actor: Actor,
    @Context() context: GraphqlContext,
  ): Promise<ApplicationSummaryView | null> {
    if (!vent.applicationId) return null;
    const summary = await this.loaders.of(context, actor).application.load(vent.applicationId);
    return summary ? applicationSummaryView(summary) : null;
  }
}
