import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  ApplicationStage,
  ContactRole,
  ContactSource,
  FollowUpChannel,
  FollowUpDirection,
  FollowUpOutcome,
  FollowUpPurpose,
} from '@followthrough/shared-domain';
import { Trim } from '@followthrough/server-core';
import { IsNotInFuture } from './is-not-in-future.validator';

const NOT_EMPTY = { message: 'must not be empty' };
const EMAIL = { message: 'must be an e-mail address such as name@example.com' };
const UUID = (what: string) => ({ message: `must be ${what} id` });
// Digits with the usual separators and an optional extension: "+1 (555) 010-2030 ext. 12".
const PHONE = /^(?=(?:\D*\d){5})\+?[\d\s().\-/]{5,30}(?:\s*(?:x|ext\.?)\s*\d{1,6})?$/i;
const PHONE_MESSAGE = { message: 'must be a phone number such as +1 555 010 2030' };
const PHONE_OR_EMPTY = new RegExp(`^$|${PHONE.source}`, 'i');
// An address or nothing; the full check is class-validator's IsEmail on creation, this is its shape.
const EMAIL_OR_EMPTY = /^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

@InputType()
export class CreateApplicationInput {
  @Field() @Trim() @IsNotEmpty(NOT_EMPTY) @MaxLength(160) companyName!: string;
  @Field({ nullable: true, description: 'The web domain, e.g. acme.io; a pasted URL is fine.' })
  @IsOptional()
  @Trim()
  @MaxLength(253)
  companyDomain?: string;
  @Field({ nullable: true, description: "Gives the company's domain and a RECRUITER contact." })
  @IsOptional()
  @Trim()
  @IsEmail({}, EMAIL)
  @MaxLength(254)
  recruiterEmail?: string;
  @Field({ nullable: true }) @IsOptional() @Trim() @Matches(PHONE, PHONE_MESSAGE) companyMainPhone?: string;
  @Field({ nullable: true }) @IsOptional() @Trim() @Matches(PHONE, PHONE_MESSAGE) companySalesPhone?: string;
  @Field() @Trim() @IsNotEmpty(NOT_EMPTY) @MaxLength(200) title!: string;
  @Field({ nullable: true, description: 'Where the job was found.' })
  @IsOptional()
  @Trim()
  @MaxLength(120)
  source?: string;
  @Field(() => ApplicationStage, { nullable: true, description: 'APPLIED when omitted.' })
  @IsOptional()
  @IsEnum(ApplicationStage)
  stage?: ApplicationStage;
  @Field({ nullable: true, description: 'Now when omitted (unless the stage is SAVED); never in the future.' })
  @IsOptional()
  @IsNotInFuture()
  appliedAt?: Date;
  @Field(() => ID, { nullable: true, description: 'Required for coaches and admins; clients omit it.' })
  @IsOptional()
  @IsUUID('all', UUID('a user'))
  clientUserId?: string;
}

@InputType()
export class UpdateApplicationStageInput {
  @Field(() => ID) @IsUUID('all', UUID('an application')) applicationId!: string;
  @Field(() => ApplicationStage) @IsEnum(ApplicationStage) stage!: ApplicationStage;
  @Field({ nullable: true }) @IsOptional() @Trim() @MaxLength(500) note?: string;
}

@InputType({ description: 'Give only what changes.' })
export class UpdateApplicationInput {
  @Field(() => ID) @IsUUID('all', UUID('an application')) applicationId!: string;
  @Field({ nullable: true }) @IsOptional() @Trim() @IsNotEmpty(NOT_EMPTY) @MaxLength(200) title?: string;
  @Field({ nullable: true, description: 'Moves the application to this company (found or created by name).' })
  @IsOptional()
  @Trim()
  @IsNotEmpty(NOT_EMPTY)
  @MaxLength(160)
  companyName?: string;
  @Field(() => ApplicationStage, { nullable: true }) @IsOptional() @IsEnum(ApplicationStage) stage?: ApplicationStage;
  @Field({ nullable: true, description: 'Kept with the stage change.' })
  @IsOptional()
  @Trim()
  @MaxLength(500)
  note?: string;
}

@InputType({ description: 'Give only what changes; only its author may, within 24 hours of logging it.' })
export class CorrectFollowUpInput {
  @Field(() => ID) @IsUUID('all', UUID('a follow-up')) followUpId!: string;
  @Field(() => FollowUpChannel, { nullable: true }) @IsOptional() @IsEnum(FollowUpChannel) channel?: FollowUpChannel;
  @Field(() => FollowUpPurpose, { nullable: true }) @IsOptional() @IsEnum(FollowUpPurpose) purpose?: FollowUpPurpose;
  @Field(() => FollowUpOutcome, { nullable: true }) @IsOptional() @IsEnum(FollowUpOutcome) outcome?: FollowUpOutcome;
  @Field(() => FollowUpDirection, { nullable: true })
  @IsOptional()
  @IsEnum(FollowUpDirection)
  direction?: FollowUpDirection;
  @Field({ nullable: true, description: 'Never in the future.' }) @IsOptional() @IsNotInFuture() occurredAt?: Date;
  @Field({ nullable: true, description: 'An empty text clears the notes.' })
  @IsOptional()
  @Trim()
  @MaxLength(2000)
  notes?: string;
}

@InputType({ description: 'Give only what changes.' })
export class UpdateContactInput {
  @Field(() => ID) @IsUUID('all', UUID('a contact')) contactId!: string;
  @Field({ nullable: true }) @IsOptional() @Trim() @IsNotEmpty(NOT_EMPTY) @MaxLength(120) name?: string;
  @Field(() => ContactRole, { nullable: true }) @IsOptional() @IsEnum(ContactRole) role?: ContactRole;
  @Field({ nullable: true, description: 'An empty text removes the number.' })
  @IsOptional()
  @Trim()
  @Matches(PHONE_OR_EMPTY, PHONE_MESSAGE)
  phone?: string;
  @Field({ nullable: true, description: 'An empty text removes the address.' })
  @IsOptional()
  @Trim()
  @Matches(EMAIL_OR_EMPTY, EMAIL)
  @MaxLength(254)
  email?: string;
}

@InputType()
export class LogFollowUpInput {
  @Field(() => ID) @IsUUID('all', UUID('an application')) applicationId!: string;
  @Field(() => FollowUpChannel) @IsEnum(FollowUpChannel) channel!: FollowUpChannel;
  @Field(() => FollowUpPurpose) @IsEnum(FollowUpPurpose) purpose!: FollowUpPurpose;
  @Field(() => FollowUpOutcome, { nullable: true }) @IsOptional() @IsEnum(FollowUpOutcome) outcome?: FollowUpOutcome;
  @Field(() => FollowUpDirection, { nullable: true, description: 'OUTBOUND when omitted.' })
  @IsOptional()
  @IsEnum(FollowUpDirection)
  direction?: FollowUpDirection;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', UUID('a contact')) contactId?: string;
  @Field({ nullable: true, description: 'Now when omitted; never in the future.' })
  @IsOptional()
  @IsNotInFuture()
  occurredAt?: Date;
  @Field({ nullable: true }) @IsOptional() @Trim() @MaxLength(2000) notes?: string;
  @Field({
    nullable: true,
    description:
      'A key the sender makes up for this touch (e.g. a UUID); sending the same key again returns the touch already logged.',
  })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY, { message: 'must be 8 to 100 letters, digits, dashes or underscores' })
  idempotencyKey?: string;
}

@InputType()
export class AddContactInput {
  @Field(() => ID) @IsUUID('all', UUID('a company')) companyId!: string;
  @Field() @Trim() @IsNotEmpty(NOT_EMPTY) @MaxLength(120) name!: string;
  @Field(() => ContactRole) @IsEnum(ContactRole) role!: ContactRole;
  @Field({ nullable: true }) @IsOptional() @Trim() @Matches(PHONE, PHONE_MESSAGE) phone?: string;
  @Field({ nullable: true }) @IsOptional() @Trim() @IsEmail({}, EMAIL) @MaxLength(254) email?: string;
  @Field(() => ContactSource) @IsEnum(ContactSource) howFound!: ContactSource;
  @Field(() => ID, { nullable: true, description: 'Required for coaches and admins; clients omit it.' })
  @IsOptional()
  @IsUUID('all', UUID('a user'))
  clientUserId?: string;
}

@InputType()
export class MarkNoReachableContactInput {
  @Field(() => ID) @IsUUID('all', UUID('an application')) applicationId!: string;
  @Field() @Trim() @IsNotEmpty(NOT_EMPTY) @MaxLength(500) reason!: string;
}

@InputType()
export class ApplicationFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', UUID('a user')) clientUserId?: string;
  @Field(() => ApplicationStage, { nullable: true }) @IsOptional() @IsEnum(ApplicationStage) stage?: ApplicationStage;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', UUID('a company')) companyId?: string;
  @Field({ nullable: true, description: 'Archived applications are left out unless this is true.' })
  @IsOptional()
  @IsBoolean()
  includeArchived?: boolean;
}

@InputType({
  description:
    "Confirms a company's details for the agency from one application: each field given is used, each one left out is taken from what the application's client supplied (or kept as confirmed before).",
})
export class ConfirmCompanyDetailsInput {
  @Field(() => ID) @IsUUID('all', UUID('an application')) applicationId!: string;
  @Field({ nullable: true, description: 'The web domain, e.g. acme.io; a pasted URL is fine.' })
  @IsOptional()
  @Trim()
  @MaxLength(253)
  domain?: string;
  @Field({ nullable: true }) @IsOptional() @Trim() @Matches(PHONE, PHONE_MESSAGE) mainPhone?: string;
  @Field({ nullable: true }) @IsOptional() @Trim() @Matches(PHONE, PHONE_MESSAGE) salesPhone?: string;
}
