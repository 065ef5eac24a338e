import { ApplicationView, CompanyView, ContactView, FollowUpView, StageChangeView } from '../dto/pipeline.types';
import { Application } from '../entities/application.entity';
import { ApplicationStageChange } from '../entities/application-stage-change.entity';
import { Company } from '../entities/company.entity';
import { Contact } from '../entities/contact.entity';
import { FollowUp } from '../entities/follow-up.entity';
import { CompanyDetails, effectiveDetails } from './company.service';

export function applicationView(row: Application): ApplicationView {
  return {
    id: row.id,
    clientUserId: row.clientUserId,
    companyId: row.companyId,
    title: row.title,
    source: row.source,
    stage: row.stage,
    appliedAt: row.appliedAt,
    lastTouchAt: row.lastTouchAt,
    noReachableContact: row.noReachableContact,
    noReachableContactReason: row.noReachableContactReason,
    archivedAt: row.archivedAt,
    createdByUserId: row.createdByUserId,
    onBehalf: row.onBehalf,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    clientCompanyDetails: {
      domain: row.companyDomain,
      mainPhone: row.companyMainPhone,
      salesPhone: row.companySalesPhone,
    },
  };
}

/** The company as one application sees it: the agency's confirmed details, else its own client's. */
export function companyView(row: Company, clientDetails: CompanyDetails): CompanyView {
  const agency: CompanyDetails = { domain: row.domain, mainPhone: row.mainPhone, salesPhone: row.salesPhone };
  const shown = effectiveDetails(agency, clientDetails);
  return {
    id: row.id,
    name: row.name,
    ...shown,
    unconfirmed:
      (shown.domain !== null && agency.domain === null) ||
      (shown.mainPhone !== null && agency.mainPhone === null) ||
      (shown.salesPhone !== null && agency.salesPhone === null),
    agencyDetails: { ...agency, confirmedAt: row.detailsConfirmedAt },
    clientDetails,
  };
}

export function contactView(row: Contact): ContactView {
  return {
    id: row.id,
    companyId: row.companyId,
    clientUserId: row.clientUserId,
    name: row.name,
    role: row.role,
    phone: row.phone,
    email: row.email,
    howFound: row.howFound,
    addedByUserId: row.addedByUserId,
    onBehalf: row.onBehalf,
    createdAt: row.createdAt,
  };
}

export function followUpView(row: FollowUp): FollowUpView {
  return {
    id: row.id,
    applicationId: row.applicationId,
    contactId: row.contactId,
    channel: row.channel,
    direction: row.direction,
    purpose: row.purpose,
    outcome: row.outcome,
    occurredAt: row.occurredAt,
    notes: row.notes,
    loggedByUserId: row.loggedByUserId,
    onBehalf: row.onBehalf,
    createdAt: row.createdAt,
  };
}

export function stageChangeView(row: ApplicationStageChange): StageChangeView {
  return {
    id: row.id,
    fromStage: row.fromStage,
    toStage: row.toStage,
    note: row.note,
    changedByUserId: row.changedByUserId,
    onBehalf: row.onBehalf,
    changedAt: row.changedAt,
  };
}
