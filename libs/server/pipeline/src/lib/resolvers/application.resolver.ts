import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  DEFAULT_NESTED_LIST_SIZE,
  DEFAULT_PAGE_SIZE,
  MAX_NESTED_LIST_SIZE,
  MAX_PAGE_SIZE,
  nestedListSizeProblem,
} from '@followthrough/shared-domain';
import { Actor, badInput, CurrentActor, GraphqlContext, notFound } from '@followthrough/server-core';
import {
  ApplicationFilter,
  ConfirmCompanyDetailsInput,
  CreateApplicationInput,
  MarkNoReachableContactInput,
  UpdateApplicationInput,
  UpdateApplicationStageInput,
} from '../dto/pipeline.inputs';
import {
  ApplicationConnection,
  ApplicationView,
  CompanyView,
  ContactView,
  FollowUpView,
  StageChangeView,
} from '../dto/pipeline.types';
import { PipelineLoaders } from '../loaders/pipeline-loaders';
import { ApplicationQueryService } from '../services/application-query.service';
import { ApplicationService } from '../services/application.service';
import { companyView, contactView, followUpView, stageChangeView } from '../services/pipeline-views';

function nestedSize(first: number): number {
  const problem = nestedListSizeProblem(first);
  if (problem) throw badInput('first', problem);
  return first;
}

@Resolver(() => ApplicationView)
export class ApplicationResolver {
  constructor(
    private readonly writes: ApplicationService,
    private readonly queries: ApplicationQueryService,
    private readonly loaders: PipelineLoaders,
  ) {}

  @Query(() => ApplicationConnection, {
    description: `Applications the caller may see (own, assigned clients', or the agency's), newest first. \`first\` is 1–${MAX_PAGE_SIZE}.`,
  })
  applications(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ApplicationFilter, nullable: true }) filter?: ApplicationFilter,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ApplicationConnection> {
    return this.queries.list(actor, filter ?? {}, first, after);
  }

  @Query(() => ApplicationView, {
    description: 'One application with its follow-ups, contacts and stage history. A coach’s read is audited.',
  })
  application(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ApplicationView> {
    return this.queries.get(actor, id);
  }

  @Mutation(() => ApplicationView, {
    description:
      "Finds or creates the company (by normalized name or confirmed domain) and records the application; the company's domain and phones given here stay with this application until a coach or admin confirms them.",
  })
  createApplication(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateApplicationInput,
  ): Promise<ApplicationView> {
    return this.writes.create(actor, input);
  }

  @Mutation(() => ApplicationView)
  updateApplicationStage(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateApplicationStageInput,
  ): Promise<ApplicationView> {
    return this.writes.updateStage(actor, input);
  }

  @Mutation(() => ApplicationView, { description: 'Corrects the title or company, or moves the stage; audited.' })
  updateApplication(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateApplicationInput,
  ): Promise<ApplicationView> {
    return this.writes.update(actor, input);
  }

  @Mutation(() => ApplicationView, {
    description: 'Puts an application aside: lists leave it out unless includeArchived; nothing is deleted.',
  })
  archiveApplication(
    @CurrentActor() actor: Actor,
    @Args('applicationId', { type: () => ID }) applicationId: string,
  ): Promise<ApplicationView> {
    return this.writes.setArchived(actor, applicationId, true);
  }

  @Mutation(() => ApplicationView, { description: 'Brings an archived application back into the lists.' })
  restoreApplication(
    @CurrentActor() actor: Actor,
    @Args('applicationId', { type: () => ID }) applicationId: string,
  ): Promise<ApplicationView> {
    return this.writes.setArchived(actor, applicationId, false);
  }

  @Mutation(() => ApplicationView, { description: 'The client tried and found nobody to talk to at this company.' })
  markNoReachableContact(
    @CurrentActor() actor: Actor,
    @Args('input') input: MarkNoReachableContactInput,
  ): Promise<ApplicationView> {
    return this.writes.markNoReachableContact(actor, input);
  }

  @Mutation(() => ApplicationView, {
    description:
      "Coaches and admins: makes a company's domain and phones the agency's, from an application whose client supplied them (or as typed here). Every client of the company then sees these.",
  })
  confirmCompanyDetails(
    @CurrentActor() actor: Actor,
    @Args('input') input: ConfirmCompanyDetailsInput,
  ): Promise<ApplicationView> {
    return this.writes.confirmCompanyDetails(actor, input);
  }

  @ResolveField(() => CompanyView)
  async company(
    @Parent() application: ApplicationView,
    @CurrentActor() actor: Actor,
    @Context() context: GraphqlContext,
  ): Promise<CompanyView> {
    const company = await this.loaders.of(context, actor).company.load(application.companyId);
    if (!company) throw notFound('Company');
    return companyView(company, application.clientCompanyDetails);
  }

  @ResolveField(() => [FollowUpView], { description: `Newest first; \`first\` is 1–${MAX_NESTED_LIST_SIZE}.` })
  async followUps(
    @Parent() application: ApplicationView,
    @CurrentActor() actor: Actor,
    @Context() context: GraphqlContext,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_NESTED_LIST_SIZE }) first: number,
  ): Promise<FollowUpView[]> {
    return (await this.loaders.of(context, actor).followUps.load(application.id))
      .slice(0, nestedSize(first))
      .map(followUpView);
  }

  @ResolveField(() => [ContactView], {
    description: `The client's contacts at the company, oldest first; \`first\` is 1–${MAX_NESTED_LIST_SIZE}.`,
  })
  async contacts(
    @Parent() application: ApplicationView,
    @CurrentActor() actor: Actor,
    @Context() context: GraphqlContext,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_NESTED_LIST_SIZE }) first: number,
  ): Promise<ContactView[]> {
    const key = { companyId: application.companyId, clientUserId: application.clientUserId };
    return (await this.loaders.of(context, actor).contactsAt.load(key)).slice(0, nestedSize(first)).map(contactView);
  }

  @ResolveField(() => [StageChangeView], {
    description: `Oldest first; the first entry is the stage it was created in. \`first\` is 1–${MAX_NESTED_LIST_SIZE}.`,
  })
  async stageHistory(
    @Parent() application: ApplicationView,
    @CurrentActor() actor: Actor,
    @Context() context: GraphqlContext,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_NESTED_LIST_SIZE }) first: number,
  ): Promise<StageChangeView[]> {
    return (await this.loaders.of(context, actor).stageChanges.load(application.id))
      .slice(0, nestedSize(first))
      .map(stageChangeView);
  }
}
