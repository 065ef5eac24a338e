import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageInfo } from '../graphql/keyset-page';

@ObjectType('AuditEvent', { description: 'Who read or changed whose data, and when.' })
export class AuditEventView {
  @Field(() => ID) id!: string;
  @Field() occurredAt!: Date;
  @Field(() => ID) actorUserId!: string;
  @Field({ description: 'e.g. client-data.read, followUp.logged, auth.login.failed' }) action!: string;
  @Field() entityType!: string;
  @Field(() => ID, { nullable: true }) entityId!: string | null;
  @Field(() => [ID], { description: 'Every client the event covered (a list read covers many).' })
  subjectUserIds!: string[];
  @Field(() => String, { nullable: true, description: 'For a read, the operations it served.' }) detail!: string | null;
  @Field() onBehalf!: boolean;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdge {
  @Field() cursor!: string;
  @Field(() => AuditEventView) node!: AuditEventView;
}

@ObjectType('AuditEventConnection', { description: 'A page of the audit trail, newest first.' })
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges!: AuditEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  // The flat fields came first; they stay for readers written against them (CSV scripts, the audit spec).
  @Field(() => [AuditEventView], { description: "The edges' nodes, for readers that need no cursors." })
  nodes!: AuditEventView[];
  @Field(() => String, { nullable: true, deprecationReason: 'Use pageInfo.endCursor.' }) endCursor!: string | null;
  @Field({ deprecationReason: 'Use pageInfo.hasNextPage.' }) hasNextPage!: boolean;
}

@InputType()
export class AuditEventFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  actorUserId?: string;
  @Field(() => ID, { nullable: true, description: 'Events that covered this client.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  subjectUserId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(64) action?: string;
  @Field({ nullable: true, description: 'At or after.' }) @IsOptional() @IsDate() from?: Date;
  @Field({ nullable: true, description: 'Before.' }) @IsOptional() @IsDate() to?: Date;
}
