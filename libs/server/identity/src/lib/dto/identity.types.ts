import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '@followthrough/shared-domain';
import { PageInfo } from '@followthrough/server-core';

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
  @Field({ description: 'When the access token ends; refresh shortly before.' })
  accessTokenExpiresAt!: Date;
}

@ObjectType('Invitation', {
  description:
    'An invitation to join the agency. Its link is e-mailed to the address alone: nobody else, the inviting admin included, sees its token.',
})
export class InvitationView {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field(() => Role) role!: Role;
  @Field() expiresAt!: Date;
  @Field() createdAt!: Date;
}

@ObjectType('Member')
export class MemberView {
  @Field(() => ID) userId!: string;
  @Field() email!: string;
  @Field() name!: string;
  @Field(() => Role) role!: Role;
  @Field() joinedAt!: Date;
  @Field(() => [ID], {
    nullable: true,
    description: 'For a client, the coaches assigned to them. Given by members, memberPage and assignClientsToCoach.',
  })
  coachUserIds?: string[];
  @Field(() => [ID], {
    nullable: true,
    description: 'For a coach, the clients assigned to them. Given by members, memberPage and assignClientsToCoach.',
  })
  clientUserIds?: string[];
}

@ObjectType('CoachAssignment')
export class CoachAssignmentView {
  @Field(() => MemberView) coach!: MemberView;
  @Field(() => MemberView) client!: MemberView;
}

@ObjectType('Session', { description: 'A signed-in device: one per sign-in, kept alive by refreshing.' })
export class SessionView {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'The address it last refreshed from.' }) ip!: string | null;
  @Field(() => String, { nullable: true, description: "The browser's User-Agent." }) userAgent!: string | null;
  @Field() createdAt!: Date;
  @Field({ description: 'When it signed in or last refreshed its access token (every few minutes while in use).' })
  lastSeenAt!: Date;
  @Field({ description: 'True for the session this request comes from.' }) current!: boolean;
}

@ObjectType('MfaEnrolment', {
  description: 'A new authenticator secret; it counts once confirmMfaEnrolment gets a code from it.',
})
export class MfaEnrolmentView {
  @Field({ description: 'Base32 secret, for typing into an authenticator app.' }) secret!: string;
  @Field({ description: 'otpauth:// URL, for a QR code.' }) otpauthUrl!: string;
}

@ObjectType('MemberEdge')
export class MemberEdge {
  @Field() cursor!: string;
  @Field(() => MemberView) node!: MemberView;
}

@ObjectType('MemberConnection', {
  description: 'One page of members; pass pageInfo.endCursor as `after` for the next.',
})
export class MemberConnection {
  @Field(() => [MemberEdge]) edges!: MemberEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
