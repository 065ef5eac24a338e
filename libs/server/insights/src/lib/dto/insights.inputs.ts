import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsUUID } from 'class-validator';

@InputType({ description: 'A time window [from, to); either end may be left open.' })
export class InsightsPeriodInput {
  @Field({ nullable: true, description: 'Inclusive start.' }) @IsOptional() @IsDate() from?: Date;
  @Field({ nullable: true, description: 'Exclusive end.' }) @IsOptional() @IsDate() to?: Date;
}

@InputType()
export class RadarFilter {
  @Field(() => ID, {
    nullable: true,
    description: "Only this coach's caseload (admins; a coach always sees their own).",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  coachUserId?: string;
}
