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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActionStatus, VentState } from '@followthrough/shared-domain';
import { Trim } from '@followthrough/server-core';
import { MAX_ACTION_TITLE, MAX_ACTIONS_PER_CONVERSION, MAX_VENT_LENGTH } from '../vent-limits';
import { IsDueDate } from './is-due-date.validator';

const NOT_EMPTY = { message: 'must not be empty' };
const UUID = (what: string) => ({ message: `must be ${what} id` });

@InputType()
export class CreateVentInput {
  @Field()
  @Trim()
  @IsNotEmpty(NOT_EMPTY)
  @MaxLength(MAX_VENT_LENGTH, { message: `must be at most ${MAX_VENT_LENGTH} characters` })
  text!: string;
  @Field(() => Int, { description: '1 (awful) to 5 (fine).' })
  @IsInt({ message: 'must be a whole number from 1 to 5' })
  @Min(1, { message: 'must be a whole number from 1 to 5' })
  @Max(5, { message: 'must be a whole number from 1 to 5' })
  mood!: number;
  @Field(() => ID, { nullable: true, description: 'One of your applications this is about.' })
  @IsOptional()
  @IsUUID('all', UUID('an application'))
  applicationId?: string;
}

@InputType()
export class SetVentSharingInput {
  @Field(() => ID) @IsUUID('all', UUID('a vent')) ventId!: string;
  @Field() @IsBoolean() shared!: boolean;
}

@InputType()
export class VentFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', UUID('a user')) clientUserId?: string;
  @Field(() => VentState, { nullable: true }) @IsOptional() @IsEnum(VentState) state?: VentState;
}

@InputType()
export class ActionDraftInput {
  @Field() @Trim() @IsNotEmpty(NOT_EMPTY) @MaxLength(MAX_ACTION_TITLE) title!: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD.' }) @IsOptional() @IsDueDate() dueOn?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', UUID('an application')) applicationId?: string;
}

@InputType()
export class ConvertVentToActionsInput {
  @Field(() => ID) @IsUUID('all', UUID('a vent')) ventId!: string;
  @Field(() => [ActionDraftInput])
  @ArrayMinSize(1, { message: 'must hold at least one action' })
  @ArrayMaxSize(MAX_ACTIONS_PER_CONVERSION, { message: `must hold at most ${MAX_ACTIONS_PER_CONVERSION} actions` })
  @ValidateNested({ each: true })
  @Type(() => ActionDraftInput)
  actions!: ActionDraftInput[];
}

@InputType()
export class CreateActionInput extends ActionDraftInput {
  @Field(() => ID, { nullable: true, description: 'Required for coaches and admins; clients omit it.' })
  @IsOptional()
  @IsUUID('all', UUID('a user'))
  clientUserId?: string;
}

@InputType()
export class ActionFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', UUID('a user')) clientUserId?: string;
  @Field(() => ActionStatus, { nullable: true }) @IsOptional() @IsEnum(ActionStatus) status?: ActionStatus;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', UUID('a vent')) ventId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', UUID('an application')) applicationId?: string;
}

@InputType()
export class VentStatsFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', UUID('a user')) clientUserId?: string;
}
