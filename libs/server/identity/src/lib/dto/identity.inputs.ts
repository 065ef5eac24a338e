import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { Role } from '@followthrough/shared-domain';
import { IsTimeZone, Trim } from '@followthrough/server-core';
import { IsAcceptablePassword } from '../password/is-acceptable-password.validator';

const EMAIL_MESSAGE = 'must be an e-mail address such as name@example.com';

@InputType()
export class RegisterAgencyInput {
  @Field() @Trim() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(120) agencyName!: string;
  @Field() @IsTimeZone() timezone!: string;
  @Field() @Trim() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(120) adminName!: string;
  @Field() @Trim() @IsEmail({}, { message: EMAIL_MESSAGE }) @MaxLength(254) adminEmail!: string;
}

@InputType()
export class CompleteSignUpInput {
  @Field({ description: 'The token of the link in the "confirm your e-mail address" message.' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(2000)
  token!: string;
  @Field() @IsAcceptablePassword() password!: string;
}

@InputType()
export class LoginInput {
  @Field() @Trim() @IsEmail({}, { message: EMAIL_MESSAGE }) @MaxLength(254) email!: string;
  @Field() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(128) password!: string;
  @Field(() => ID, { nullable: true, description: 'Which agency to sign in to, for people in more than one.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an agency id' })
  agencyId?: string;
  @Field({
    nullable: true,
    description: 'With two-step sign-in on: the code from the authenticator app, or a recovery code.',
  })
  @IsOptional()
  @MaxLength(40)
  otp?: string;
}

@InputType()
export class AcceptInvitationInput {
  @Field() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(200) token!: string;
  @Field() @Trim() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(120) name!: string;
  @Field() @IsAcceptablePassword() password!: string;
  @Field({
    nullable: true,
    description:
      'For an existing account with two-step sign-in: a code from the authenticator app, or a recovery code.',
  })
  @IsOptional()
  @MaxLength(40)
  otp?: string;
}

@InputType()
export class InviteMemberInput {
  @Field() @Trim() @IsEmail({}, { message: EMAIL_MESSAGE }) @MaxLength(254) email!: string;
  @Field(() => Role) @IsEnum(Role) role!: Role;
}

@InputType()
export class AssignClientInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a user id' }) coachUserId!: string;
  @Field(() => ID) @IsUUID('all', { message: 'must be a user id' }) clientUserId!: string;
}

/** The most clients one bulk assignment takes (a page of the members list). */
export const MAX_CLIENTS_PER_ASSIGNMENT = 200;

@InputType()
export class AssignClientsToCoachInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a user id' }) coachUserId!: string;
  @Field(() => [ID])
  @ArrayMinSize(1, { message: 'choose at least one client' })
  @ArrayMaxSize(MAX_CLIENTS_PER_ASSIGNMENT, { message: `must hold at most ${MAX_CLIENTS_PER_ASSIGNMENT} clients` })
  @IsUUID('all', { each: true, message: 'must be user ids' })
  clientUserIds!: string[];
}

@InputType()
export class ChangeMemberRoleInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a user id' }) userId!: string;
  @Field(() => Role) @IsEnum(Role) role!: Role;
}

@InputType()
export class ChangePasswordInput {
  @Field() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(128) currentPassword!: string;
  @Field() @IsAcceptablePassword() newPassword!: string;
}

@InputType()
export class MfaCodeInput {
  @Field({ description: 'A code from the authenticator app, or a recovery code.' })
  @Trim()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(40)
  code!: string;
}

@InputType()
export class RequestPasswordResetInput {
  @Field() @Trim() @IsEmail({}, { message: EMAIL_MESSAGE }) @MaxLength(254) email!: string;
}

@InputType()
export class ResetPasswordInput {
  @Field({ description: 'The token of the link in the reset e-mail.' })
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(1000)
  token!: string;
  @Field() @IsAcceptablePassword() newPassword!: string;
}
