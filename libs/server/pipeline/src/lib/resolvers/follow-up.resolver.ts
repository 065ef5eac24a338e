import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphqlContext } from '@followthrough/server-core';
import { CorrectFollowUpInput, LogFollowUpInput } from '../dto/pipeline.inputs';
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

  @Mutation(() => FollowUpView, { description: 'Its author corrects a touch within 24 hours of logging it.' })
  correctFollowUp(@CurrentActor() actor: Actor, @Args('input') input: CorrectFollowUpInput): Promise<FollowUpView> {
    return this.followUps.correct(actor, input);
  }

  @Mutation(() => Boolean, {
    description: 'Its author deletes a touch within 24 hours of logging it; lists and figures leave it out.',
  })
  deleteFollowUp(
    @CurrentActor() actor: Actor,
    @Args('followUpId', { type: () => ID }) followUpId: string,
  ): Promise<boolean> {
    return this.followUps.delete(actor, followUpId);
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
