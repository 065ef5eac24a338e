import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FollowUpChannel, FollowUpPurpose, StepStatus } from '@followthrough/shared-domain';
import { PageInfo } from '@followthrough/server-core';
import { StepCondition, StepTrigger } from '../cadence/playbook-step';

registerEnumType(StepTrigger, { name: 'StepTrigger' });
registerEnumType(StepCondition, { name: 'StepCondition' });

@ObjectType('PlaybookStep')
export class PlaybookStepView {
  @Field() key!: string;
  @Field(() => StepTrigger) trigger!: StepTrigger;
  @Field(() => StepCondition) condition!: StepCondition;
  @Field(() => Int) offsetBusinessDays!: number;
  @Field(() => FollowUpChannel) channel!: FollowUpChannel;
  @Field(() => FollowUpPurpose) purpose!: FollowUpPurpose;
  @Field() instructions!: string;
}

@ObjectType('Playbook')
export class PlaybookView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() isDefault!: boolean;
  @Field(() => Int, { description: 'The current version; running cadences may use older ones.' }) version!: number;
  @Field(() => [PlaybookStepView]) steps!: PlaybookStepView[];
  @Field() updatedAt!: Date;
}

@ObjectType('StepInstance', { description: 'A follow-up step due for one application.' })
export class StepInstanceView {
  @Field(() => ID) id!: string;
  @Field(() => ID) applicationId!: string;
  @Field(() => ID) clientUserId!: string;
  @Field() stepKey!: string;
  @Field(() => FollowUpChannel) channel!: FollowUpChannel;
  @Field(() => FollowUpPurpose) purpose!: FollowUpPurpose;
  @Field() instructions!: string;
  @Field() dueAt!: Date;
  @Field(() => StepStatus) status!: StepStatus;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => ID, { nullable: true }) followUpId!: string | null;
  @Field(() => Int, { description: 'The playbook version this step comes from.' }) playbookVersion!: number;
  @Field() companyName!: string;
  @Field() applicationTitle!: string;
}

@ObjectType('StepInstanceEdge')
export class StepInstanceEdge {
  @Field() cursor!: string;
  @Field(() => StepInstanceView) node!: StepInstanceView;
}

@ObjectType('StepInstanceConnection')
export class StepInstanceConnection {
  @Field(() => [StepInstanceEdge]) edges!: StepInstanceEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
