import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '@followthrough/shared-domain';

@ObjectType('Agency')
export class AgencyView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() timezone!: string;
}

@ObjectType('User')
export class UserView {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() name!: string;
}

@ObjectType('Membership')
export class MembershipView {
  @Field(() => Role) role!: Role;
  @Field(() => AgencyView) agency!: AgencyView;
}

@ObjectType('Viewer', { description: 'The signed-in person and the agency membership their token is for.' })
export class ViewerView {
  @Field(() => UserView) user!: UserView;
  @Field(() => MembershipView) membership!: MembershipView;
}

@ObjectType('AuthPayload')
export class AuthPayload extends ViewerView {
  @Field({ description: 'Short-lived JWT; send as `Authorization: Bearer <accessToken>`.' })
  accessToken!: string;
}

@ObjectType('Invitation')
export class InvitationView {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field(() => Role) role!: Role;
  @Field({ description: 'Shown once, when the invitation is created; only its hash is stored.' })
  token!: string;
  @Field() expiresAt!: Date;
}

@ObjectType('Member')
export class MemberView {
  @Field(() => ID) userId!: string;
  @Field() email!: string;
  @Field() name!: string;
  @Field(() => Role) role!: Role;
  @Field() joinedAt!: Date;
}

@ObjectType('CoachAssignment')
export class CoachAssignmentView {
  @Field(() => MemberView) coach!: MemberView;
  @Field(() => MemberView) client!: MemberView;
}
