import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A message caught by the development mail sink (not available in production).' })
export class DevMailMessage {
  @Field(() => ID)
  id!: string;

  @Field()
  receivedAt!: Date;

  @Field(() => String, { nullable: true })
  messageId!: string | null;

  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => [String])
  to!: string[];

  @Field()
  subject!: string;

  @Field()
  text!: string;

  @Field(() => String, { nullable: true, description: 'The List-Unsubscribe header, when present.' })
  listUnsubscribe!: string | null;
}
