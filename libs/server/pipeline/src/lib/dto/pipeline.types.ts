import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  ApplicationStage,
  ContactRole,
  ContactSource,
  FollowUpChannel,
  FollowUpDirection,
  FollowUpOutcome,
  FollowUpPurpose,
} from '@followthrough/shared-domain';
import { PageInfo } from '@followthrough/server-core';
import type { CompanyDetails } from '../services/company.service';

@ObjectType('CompanyDetails', { description: "A company's web domain and phones, from one source." })
export class CompanyDetailsView {
  @Field(() => String, { nullable: true }) domain!: string | null;
  @Field(() => String, { nullable: true }) mainPhone!: string | null;
  @Field(() => String, { nullable: true }) salesPhone!: string | null;
}

@ObjectType('ConfirmedCompanyDetails', { description: 'The details a coach or admin confirmed for the agency.' })
export class ConfirmedCompanyDetailsView extends CompanyDetailsView {
  @Field(() => Date, { nullable: true, description: 'Null when nobody has confirmed them yet.' })
  confirmedAt!: Date | null;
}

@ObjectType('Company', {
  description:
    "An employer, shared by the agency's clients. Seen from an application, its domain and phones are the agency's confirmed ones, else what that application's client supplied; never another client's.",
})
export class CompanyView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) domain!: string | null;
  @Field(() => String, { nullable: true, description: "The company's switchboard." }) mainPhone!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Sales answers when recruiting does not; ask them who recruits.',
  })
  salesPhone!: string | null;
  @Field({ description: 'Some of domain, mainPhone and salesPhone is the client’s own, not confirmed by the agency.' })
  unconfirmed!: boolean;
  @Field(() => ConfirmedCompanyDetailsView) agencyDetails!: ConfirmedCompanyDetailsView;
  @Field(() => CompanyDetailsView, { description: "What this application's client supplied." })
  clientDetails!: CompanyDetailsView;
}

@ObjectType('Contact')
export class ContactView {
  @Field(() => ID) id!: string;
  @Field(() => ID) companyId!: string;
  @Field(() => ID) clientUserId!: string;
  @Field() name!: string;
  @Field(() => ContactRole) role!: ContactRole;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => ContactSource) howFound!: ContactSource;
  @Field(() => ID) addedByUserId!: string;
  @Field({ description: 'Added by a coach or admin for the client.' }) onBehalf!: boolean;
  @Field() createdAt!: Date;
}

@ObjectType('StageChange')
export class StageChangeView {
  @Field(() => ID) id!: string;
  @Field(() => ApplicationStage, { nullable: true, description: 'Null for the stage the application was created in.' })
  fromStage!: ApplicationStage | null;
  @Field(() => ApplicationStage) toStage!: ApplicationStage;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => ID) changedByUserId!: string;
  @Field() onBehalf!: boolean;
  @Field() changedAt!: Date;
}

@ObjectType('FollowUp')
export class FollowUpView {
  @Field(() => ID) id!: string;
  @Field(() => ID) applicationId!: string;
  @Field(() => ID, { nullable: true }) contactId!: string | null;
  @Field(() => FollowUpChannel) channel!: FollowUpChannel;
  @Field(() => FollowUpDirection) direction!: FollowUpDirection;
  @Field(() => FollowUpPurpose) purpose!: FollowUpPurpose;
  @Field(() => FollowUpOutcome, { nullable: true }) outcome!: FollowUpOutcome | null;
  @Field() occurredAt!: Date;
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => ID) loggedByUserId!: string;
  @Field({ description: 'Logged by a coach or admin for the client.' }) onBehalf!: boolean;
  @Field({ description: 'When it was logged; its author may correct or delete it for 24 hours after.' })
  createdAt!: Date;
}

@ObjectType('Application')
export class ApplicationView {
  @Field(() => ID) id!: string;
  @Field(() => ID) clientUserId!: string;
  @Field(() => ID) companyId!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => ApplicationStage) stage!: ApplicationStage;
  @Field(() => Date, { nullable: true }) appliedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the latest follow-up happened.' }) lastTouchAt!: Date | null;
  @Field({ description: 'The client found nobody to talk to at this company.' }) noReachableContact!: boolean;
  @Field(() => String, { nullable: true }) noReachableContactReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'Set while the application is archived.' })
  archivedAt!: Date | null;
  @Field(() => ID) createdByUserId!: string;
  @Field() onBehalf!: boolean;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  /** What the client supplied about the company; shown only through `company`, so not a field here. */
  clientCompanyDetails!: CompanyDetails;
}

@ObjectType('ApplicationEdge')
export class ApplicationEdge {
  @Field() cursor!: string;
  @Field(() => ApplicationView) node!: ApplicationView;
}

@ObjectType('ApplicationConnection')
export class ApplicationConnection {
  @Field(() => [ApplicationEdge]) edges!: ApplicationEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('ApplicationSummary', {
  description: 'A short view of an application, as other parts of the product show it.',
})
export class ApplicationSummaryView {
  @Field(() => ID) id!: string;
  @Field(() => ID) clientUserId!: string;
  @Field(() => ID) companyId!: string;
  @Field() title!: string;
  @Field() companyName!: string;
  @Field(() => ApplicationStage) stage!: ApplicationStage;
  @Field(() => Date, { nullable: true }) appliedAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastTouchAt!: Date | null;
  @Field({ description: 'A contact with a phone number is known.' }) hasPhoneContact!: boolean;
  @Field() noReachableContact!: boolean;
}
