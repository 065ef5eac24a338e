import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, Role } from '@followthrough/shared-domain';
import { Actor, CurrentActor, Roles } from '@followthrough/server-core';
import { AssignPlaybookInput, DueStepsFilter, SavePlaybookInput } from '../dto/playbook.inputs';
import { PlaybookView, StepInstanceConnection } from '../dto/playbook.types';
import { PlaybookService } from '../services/playbook.service';
import { StepQueryService } from '../services/step-query.service';

@Resolver()
export class PlaybookResolver {
  constructor(
    private readonly playbookService: PlaybookService,
    private readonly steps: StepQueryService,
  ) {}

  @Roles(Role.AGENCY_ADMIN)
  @Query(() => [PlaybookView], { description: "The agency's playbooks, the default first." })
  playbooks(@CurrentActor() actor: Actor): Promise<PlaybookView[]> {
    return this.playbookService.list(actor);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => PlaybookView, {
    description: 'Creates a playbook or saves a new version; running cadences keep theirs.',
  })
  savePlaybook(@CurrentActor() actor: Actor, @Args('input') input: SavePlaybookInput): Promise<PlaybookView> {
    return this.playbookService.save(actor, input);
  }

  @Roles(Role.AGENCY_ADMIN)
  @Mutation(() => PlaybookView, { description: "Uses this playbook for the client's new cadences." })
  assignPlaybook(@CurrentActor() actor: Actor, @Args('input') input: AssignPlaybookInput): Promise<PlaybookView> {
    return this.playbookService.assign(actor, input);
  }

  @Query(() => StepInstanceConnection, {
    description: 'Follow-up steps of the clients the caller may see, soonest due first.',
  })
  dueSteps(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => DueStepsFilter, nullable: true }) filter?: DueStepsFilter,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<StepInstanceConnection> {
    return this.steps.dueSteps(actor, filter ?? {}, first ?? DEFAULT_PAGE_SIZE, after);
  }
}
