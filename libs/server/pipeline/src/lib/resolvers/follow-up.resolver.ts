import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphqlContext } from '@followthrough/server-core';
import { LogFollowUpInput } from '../dto/pipeline.inputs';
import { ContactView, FollowUpView } from '../dto/pipeline.types';
import { PipelineLoaders } from '../loaders/pipeline-loaders';
import { FollowUpService } from '../services/follow-up.service';
import { contactView } from '../services/pipeline-views';

@Resolver(() => FollowUpView)
export class FollowUpResolver {
  constructor(
    private readonly followUps: FollowUpService,
    private readonly loaders: PipelineLoaders,
  ) {}

  @Mutation(() => FollowUpView, {
    description: 'Logs a touch; occurredAt defaults to now and may not lie in the future.',
  })
  logFollowUp(@CurrentActor() actor: Actor, @Args('input') input: LogFollowUpInput): Promise<FollowUpView> {
    return this.followUps.log(actor, input);
  }

  @ResolveField(() => ContactView, { nullable: true })
  async contact(
    @Parent() followUp: FollowUpView,
    @CurrentActor() actor: Actor,
    @Context() context: GraphqlContext,
  ): Promise<ContactView | null> {
    if (!followUp.contactId) return null;
    const contact = await this.loaders.of(context, actor).contact.load(followUp.contactId);
    return contact ? contactView(contact) : null;
  }
}
