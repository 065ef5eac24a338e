import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FollowUpChannel, FollowUpPurpose, StepStatus } from '@followthrough/shared-domain';
import { Trim } from '@followthrough/server-core';
import { StepCondition, StepTrigger } from '../cadence/playbook-step';

@InputType()
export class PlaybookStepInput {
  @Field()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, {
    message: 'must be lower-case letters, digits and dashes, e.g. "status-call"',
  })
  key!: string;
  @Field(() => StepTrigger) @IsEnum(StepTrigger) trigger!: StepTrigger;
  @Field(() => StepCondition, { defaultValue: StepCondition.ALWAYS }) @IsEnum(StepCondition) condition!: StepCondition;
  @Field(() => Int)
  @IsInt()
  @Min(0, { message: 'must be 0 or more business days' })
  @Max(60, { message: 'must be at most 60 business days' })
  offsetBusinessDays!: number;
  @Field(() => FollowUpChannel) @IsEnum(FollowUpChannel) channel!: FollowUpChannel;
  @Field(() => FollowUpPurpose) @IsEnum(FollowUpPurpose) purpose!: FollowUpPurpose;
  @Field() @Trim() @IsNotEmpty({ message: 'must say what to do' }) @MaxLength(2000) instructions!: string;
}

@InputType()
export class SavePlaybookInput {
  @Field(() => ID, { nullable: true, description: 'Omit to create a playbook; give to save a new version of it.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a playbook id' })
  playbookId?: string;

  @Field() @Trim() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(120) name!: string;

  @Field({ nullable: true, description: 'Make it the agency default for clients without a playbook of their own.' })
  @IsOptional()
  @IsBoolean()
  makeDefault?: boolean;

  @Field(() => [PlaybookStepInput])
  @ArrayMinSize(1, { message: 'needs at least one step' })
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PlaybookStepInput)
  steps!: PlaybookStepInput[];
}

@InputType()
export class AssignPlaybookInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a playbook id' }) playbookId!: string;
  @Field(() => ID) @IsUUID('all', { message: 'must be a user id' }) clientUserId!: string;
}

@InputType()
export class DueStepsFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  clientUserId?: string;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an application id' })
  applicationId?: string;
  @Field(() => StepStatus, { nullable: true, description: 'PENDING by default.' })
  @IsOptional()
  @IsEnum(StepStatus)
  status?: StepStatus;
  @Field({ nullable: true, description: 'Only steps due before this instant.' }) @IsOptional() dueBefore?: Date;
}
