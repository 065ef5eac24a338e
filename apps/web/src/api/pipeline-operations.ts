import {
  ApplicationStage,
  ContactRole,
  ContactSource,
  FollowUpChannel,
  FollowUpDirection,
  FollowUpOutcome,
  FollowUpPurpose,
} from '@followthrough/shared-domain';

export interface CompanyDetails {
  domain: string | null;
  mainPhone: string | null;
  salesPhone: string | null;
}

/** Seen from an application: the agency's confirmed details, else what that application's client gave. */
export interface Company extends CompanyDetails {
  id: string;
  name: string;
  /** Some of the details shown are the client's own, not yet confirmed by a coach or admin. */
  unconfirmed: boolean;
}

/** What a coach needs to confirm a client's company details for the agency. */
export interface CompanyToConfirm {
  id: string;
  name: string;
  unconfirmed: boolean;
  clientDetails: CompanyDetails;
}

export interface Contact {
  id: string;
  companyId: string;
  name: string;
  role: ContactRole;
  phone: string | null;
  email: string | null;
  howFound: ContactSource;
  onBehalf: boolean;
}

export interface FollowUp {
  id: string;
  applicationId: string;
  channel: FollowUpChannel;
  direction: FollowUpDirection;
  purpose: FollowUpPurpose;
  outcome: FollowUpOutcome | null;
  occurredAt: string;
  notes: string | null;
  onBehalf: boolean;
  contact: { id: string; name: string } | null;
}

export interface StageChange {
  id: string;
  fromStage: ApplicationStage | null;
  toStage: ApplicationStage;
  note: string | null;
  onBehalf: boolean;
  changedAt: string;
}

export interface ApplicationListItem {
  id: string;
  clientUserId: string;
  title: string;
  source: string | null;
  stage: ApplicationStage;
  appliedAt: string | null;
  lastTouchAt: string | null;
  noReachableContact: boolean;
  company: { id: string; name: string };
}

export interface ApplicationWithFollowUps extends ApplicationListItem {
  company: CompanyToConfirm;
  followUps: FollowUp[];
}

export interface ApplicationDetail extends ApplicationListItem {
  noReachableContactReason: string | null;
  company: Company;
  followUps: FollowUp[];
  contacts: Contact[];
  stageHistory: StageChange[];
}

export interface Connection<TNode> {
  edges: Array<{ cursor: string; node: TNode }>;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const LIST_FIELDS = 'id clientUserId title source stage appliedAt lastTouchAt noReachableContact company { id name }';
const FOLLOW_UP_FIELDS =
  'id applicationId channel direction purpose outcome occurredAt notes onBehalf contact { id name }';
const PAGE_INFO = 'pageInfo { endCursor hasNextPage }';

export const APPLICATIONS = `query Applications($filter: ApplicationFilter, $first: Int, $after: String) {
  applications(filter: $filter, first: $first, after: $after) { edges { cursor node { ${LIST_FIELDS} } } ${PAGE_INFO} }
}`;

/** A client's applications with every touch on them: the coach's view of a client's follow-up. */
export const APPLICATIONS_WITH_FOLLOW_UPS = `query ApplicationsWithFollowUps($filter: ApplicationFilter, $first: Int, $after: String) {
  applications(filter: $filter, first: $first, after: $after) {
    edges { cursor node {
      ${LIST_FIELDS} company { unconfirmed clientDetails { domain mainPhone salesPhone } } followUps { ${FOLLOW_UP_FIELDS} }
    } } ${PAGE_INFO}
  }
}`;

export const APPLICATION = `query Application($id: ID!) {
  application(id: $id) {
    ${LIST_FIELDS} noReachableContactReason
    company { id name domain mainPhone salesPhone unconfirmed }
    followUps { ${FOLLOW_UP_FIELDS} }
    contacts { id companyId name role phone email howFound onBehalf }
    stageHistory { id fromStage toStage note onBehalf changedAt }
  }
}`;

export const CREATE_APPLICATION = `mutation CreateApplication($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
export const UPDATE_APPLICATION_STAGE = `mutation UpdateApplicationStage($input: UpdateApplicationStageInput!) { updateApplicationStage(input: $input) { id stage } }`;
export const LOG_FOLLOW_UP = `mutation LogFollowUp($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
export const ADD_CONTACT = `mutation AddContact($input: AddContactInput!) { addContact(input: $input) { id } }`;
export const MARK_NO_REACHABLE_CONTACT = `mutation MarkNoReachableContact($input: MarkNoReachableContactInput!) { markNoReachableContact(input: $input) { id } }`;
export const CONFIRM_COMPANY_DETAILS = `mutation ConfirmCompanyDetails($input: ConfirmCompanyDetailsInput!) { confirmCompanyDetails(input: $input) { id } }`;
