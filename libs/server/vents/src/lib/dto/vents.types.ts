import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActionSource, ActionStatus, VentState } from '@followthrough/shared-domain';
import { PageInfo } from '@followthrough/server-core';

@ObjectType('Vent', {
  description: "A client's frustration. Seen by the client, and by their coaches only once shared; never by admins.",
})
export class VentView {
  @Field(() => ID) id!: string;
  @Field(() => ID) clientUserId!: string;
  @Field() text!: string;
  @Field(() => Int, { description: '1 (awful) to 5 (fine).' }) mood!: number;
  @Field(() => [String], { description: 'Themes detected in the text, e.g. no-response, no-phone, rejection.' })
  tags!: string[];
  @Field(() => ID, { nullable: true }) applicationId!: string | null;
  @Field() sharedWithCoach!: boolean;
  @Field(() => VentState) state!: VentState;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('Action')
export class ActionView {
  @Field(() => ID) id!: string;
  @Field(() => ID) clientUserId!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true, description: 'A calendar day, YYYY-MM-DD.' }) dueOn!: string | null;
  @Field(() => ActionStatus) status!: ActionStatus;
  @Field(() => ActionSource) source!: ActionSource;
  @Field(() => ID, { nullable: true, description: 'Null for coaches and admins when the vent is private.' }) ventId!:
    string | null;
  @Field({
    description: 'Made from a vent the client keeps private: coaches and admins see neither the vent nor the title.',
  })
  fromPrivateVent!: boolean;
  @Field(() => ID, { nullable: true }) applicationId!: string | null;
  @Field(() => ID) createdByUserId!: string;
  @Field({ description: 'Created by a coach or admin for the client.' }) onBehalf!: boolean;
  @Field(() => Date, { nullable: true }) settledAt!: Date | null;
  @Field(() => ID, { nullable: true }) settledByUserId!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType('ActionDraft', { description: 'A suggested action; edit it, then pass it to convertVentToActions.' })
export class ActionDraftView {
  @Field() title!: string;
  @Field() dueOn!: string;
  @Field(() => ID, { nullable: true }) applicationId!: string | null;
  @Field(() => String, { nullable: true, description: 'The vent theme it answers.' }) theme!: string | null;
  @Field() reason!: string;
}

@ObjectType('VentEdge')
export class VentEdge {
  @Field() cursor!: string;
  @Field(() => VentView) node!: VentView;
}

@ObjectType('VentConnection')
export class VentConnection {
  @Field(() => [VentEdge]) edges!: VentEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('ActionEdge')
export class ActionEdge {
  @Field() cursor!: string;
  @Field(() => ActionView) node!: ActionView;
}

@ObjectType('ActionConnection')
export class ActionConnection {
  @Field(() => [ActionEdge]) edges!: ActionEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('VentStateCount')
export class VentStateCount {
  @Field(() => VentState) state!: VentState;
  @Field(() => Int) count!: number;
}

@ObjectType('VentMoodCount')
export class VentMoodCount {
  @Field(() => Int) mood!: number;
  @Field(() => Int) count!: number;
}

@ObjectType('VentTagCount')
export class VentTagCount {
  @Field() tag!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('VentStats', { description: "Counts of an agency's vents, for admins, who never read vent text." })
export class VentStatsView {
  @Field(() => Int) total!: number;
  @Field(() => Int, { description: 'Shared with a coach.' }) shared!: number;
  @Field(() => [VentStateCount]) byState!: VentStateCount[];
  @Field(() => [VentMoodCount]) byMood!: VentMoodCount[];
  @Field(() => [VentTagCount], { description: 'Most frequent first.' }) byTag!: VentTagCount[];
}
