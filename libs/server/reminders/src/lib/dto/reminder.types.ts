import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ReminderStatus } from '@followthrough/shared-domain';
import { PageInfo } from '@followthrough/server-core';
import { NotificationMode, ReminderSkipReason } from '../entities';

registerEnumType(ReminderSkipReason, { name: 'ReminderSkipReason' });
registerEnumType(NotificationMode, { name: 'NotificationMode' });

@ObjectType({ description: 'An id a reminder points at, by name (e.g. stepInstanceId).' })
export class ReminderRef {
  @Field()
  name!: string;

  @Field(() => ID)
  id!: string;
}

@ObjectType('Reminder', { description: 'One scheduled reminder e-mail and where its delivery stands.' })
export class ReminderView {
  @Field(() => ID)
  id!: string;

  @Field()
  kind!: string;

  @Field(() => ID)
  recipientUserId!: string;

  @Field({ description: 'When it goes out (on a business day, outside quiet hours, unless scheduled as exact).' })
  dueAt!: Date;

  @Field(() => ReminderStatus)
  status!: ReminderStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'The last delivery error; shown to agency admins only.' })
  lastError!: string | null;

  @Field(() => ReminderSkipReason, { nullable: true })
  skipReason!: ReminderSkipReason | null;

  @Field(() => String, { nullable: true })
  providerMessageId!: string | null;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;

  @Field({ description: 'True when it waits for (or went out in) the recipient’s daily digest.' })
  inDigest!: boolean;

  @Field(() => [ReminderRef])
  refs!: ReminderRef[];

  @Field()
  createdAt!: Date;
}

@ObjectType('ReminderEdge')
export class ReminderEdge {
  @Field() cursor!: string;
  @Field(() => ReminderView) node!: ReminderView;
}

@ObjectType('ReminderConnection', { description: 'A page of reminders, newest due first.' })
export class ReminderConnection {
  @Field(() => [ReminderEdge]) edges!: ReminderEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('NotificationPreference', { description: 'How a person gets reminder e-mails.' })
export class NotificationPreferenceView {
  @Field(() => NotificationMode)
  mode!: NotificationMode;

  @Field()
  unsubscribed!: boolean;
}
