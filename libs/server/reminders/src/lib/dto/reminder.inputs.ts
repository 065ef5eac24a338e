import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ReminderStatus } from '@followthrough/shared-domain';
import { NotificationMode } from '../entities';

@InputType()
export class ReminderFilter {
  @Field(() => ReminderStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ReminderStatus)
  status?: ReminderStatus;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  kind?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  recipientUserId?: string;

  @Field({ nullable: true, description: 'Due at or after this time.' })
  @IsOptional()
  @IsDate()
  dueFrom?: Date;

  @Field({ nullable: true, description: 'Due before this time.' })
  @IsOptional()
  @IsDate()
  dueBefore?: Date;
}

@InputType()
export class NotificationPreferenceInput {
  @Field(() => NotificationMode, { nullable: true })
  @IsOptional()
  @IsEnum(NotificationMode)
  mode?: NotificationMode;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  unsubscribed?: boolean;
}
