import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ApplicationStage,
  BEYOND_EMAIL_CHANNELS,
  ContactRole,
  EMPLOYER_ANSWERED_OUTCOMES,
  Role,
} from '@followthrough/shared-domain';
import { Actor, notFound } from '@followthrough/server-core';
import { ClientAccessPolicy } from '@followthrough/server-identity';

/** The best person to phone about an application (a hiring manager before a recruiter, and so on). */
export interface PhoneContact {
  id: string;
  name: string;
  role: ContactRole;
}

/** What other contexts need to know about an application; ids, names of the job and the employer, dates and flags. */
export interface ApplicationSummary {
  id: string;
  agencyId: string;
  clientUserId: string;
  companyId: string;
  companyName: string;
  /** The agency's confirmed domain and phones, else what this application's client gave; never another client's. */
  companyDomain: string | null;
  companyMainPhone: string | null;
  companySalesPhone: string | null;
  title: string;
  stage: ApplicationStage;
  appliedAt: Date | null;
  /** The latest follow-up of any kind. */
  lastTouchAt: Date | null;
  /** The latest sign of life from the employer: an inbound touch or an answer on an outbound one. */
  lastHeardAt: Date | null;
  followUpCount: number;
  /** A contact with a phone number is known. */
  hasPhoneContact: boolean;
  phoneContact: PhoneContact | null;
  noReachableContact: boolean;
  createdAt: Date;
}

/** How an application is named to people: the job and the employer. */
export interface ApplicationLabel {
  title: string;
  companyName: string;
}

/** A client's follow-up activity: touches since a moment, those beyond e-mail, and the latest touch ever. */
export interface ClientTouches {
  touches: number;
  beyondEmail: number;
  lastTouchAt: Date | null;
}

/** An agency, for callers without a signed-in person (workers, schedulers). No access check beyond the tenant. */
export interface AgencyScope {
  agencyId: string;
}

interface SummaryRow {
  id: string;
  agency_id: string;
  client_user_id: string;
  company_id: string;
  company_name: string;
  company_domain: string | null;
  company_main_phone: string | null;
  company_sales_phone: string | null;
  title: string;
  stage: ApplicationStage;
  applied_at: Date | null;
  last_touch_at: Date | null;
  last_heard_at: Date | null;
  follow_up_count: string;
  phone_contact_id: string | null;
  phone_contact_name: string | null;
  phone_contact_role: ContactRole | null;
  no_reachable_contact: boolean;
  created_at: Date;
}

const SUMMARY_SELECT = `
  SELECT a.id, a.agency_id, a.client_user_id, a.company_id, c.name AS company_name,
         COALESCE(c.domain, a.company_domain) AS company_domain,
         COALESCE(c.main_phone, a.company_main_phone) AS company_main_phone,
         COALESCE(c.sales_phone, a.company_sales_phone) AS company_sales_phone, a.title, a.stage, a.applied_at,
         a.last_touch_at, a.no_reachable_contact, a.created_at,
         touches.last_heard_at, COALESCE(touches.follow_up_count, 0) AS follow_up_count,
         phone.id AS phone_contact_id, phone.name AS phone_contact_name, phone.role AS phone_contact_role
    FROM applications a
    JOIN companies c ON c.agency_id = a.agency_id AND c.id = a.company_id
    LEFT JOIN LATERAL (
      SELECT count(*) AS follow_up_count,
             max(f.occurred_at) FILTER (WHERE f.direction = 'INBOUND' OR f.outcome = ANY($2::varchar[])) AS last_heard_at
        FROM follow_ups f
       WHERE f.agency_id = a.agency_id AND f.application_id = a.id AND f.deleted_at IS NULL
    ) touches ON true
    LEFT JOIN LATERAL (
      SELECT k.id, k.name, k.role
        FROM contacts k
       WHERE k.agency_id = a.agency_id AND k.company_id = a.company_id AND k.client_user_id = a.client_user_id AND k.phone IS NOT NULL AND k.deleted_at IS NULL
       ORDER BY CASE k.role WHEN 'HIRING_MANAGER' THEN 0 WHEN 'RECRUITER' THEN 1 WHEN 'REFERRAL' THEN 2 ELSE 3 END, k.created_at DESC
       LIMIT 1
    ) phone ON true
   WHERE a.agency_id = $1`;

function summaryOf(row: SummaryRow): ApplicationSummary {
  return {
    id: row.id,
    agencyId: row.agency_id,
    clientUserId: row.client_user_id,
    companyId: row.company_id,
    companyName: row.company_name,
    companyDomain: row.company_domain,
    companyMainPhone: row.company_main_phone,
    companySalesPhone: row.company_sales_phone,
    title: row.title,
    stage: row.stage,
    appliedAt: row.applied_at,
    lastTouchAt: row.last_touch_at,
    lastHeardAt: row.last_heard_at,
    followUpCount: Number(row.follow_up_count),
    hasPhoneContact: row.phone_contact_id !== null,
    phoneContact:
      row.phone_contact_id && row.phone_contact_name && row.phone_contact_role
        ? { id: row.phone_contact_id, name: row.phone_contact_name, role: row.phone_contact_role }
        : null,
    noReachableContact: row.no_reachable_contact,
    createdAt: row.created_at,
  };
}

/**
 * The pipeline's read side for other contexts (vents now; playbooks, reminders and insights later).
 * Every method is tenant-scoped; those taking an Actor also apply the client access policy.
 */
@Injectable()
export class ApplicationDirectory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientAccessPolicy,
  ) {}

  /** The application when the actor may see its client; NOT_FOUND otherwise (missing, another client's, another agency's). */
  async requireApplication(actor: Actor, applicationId: string, manager?: EntityManager): Promise<ApplicationSummary> {
    const params: unknown[] = [actor.agencyId, EMPLOYER_ANSWERED_OUTCOMES, applicationId];
    const scope = this.clients.clientScope(actor, 'a.client_user_id').toPositional(params);
    const rows: SummaryRow[] = await (manager ?? this.dataSource).query(
      `${SUMMARY_SELECT} AND a.id = $3 AND ${scope}`,
      params,
    );
    if (rows.length === 0) throw notFound('Application');
    return summaryOf(rows[0]);
  }

  /**
   * A client's applications, oldest application first. With an Actor, a client out of reach
   * answers NOT_FOUND; with an AgencyScope (a worker), only the tenant is checked.
   */
  async applicationSummaries(
    scope: Actor | AgencyScope,
    clientUserId: string,
    manager?: EntityManager,
  ): Promise<ApplicationSummary[]> {
    if (isActor(scope)) await this.clients.assertCanAccessClient(scope, clientUserId);
    const rows: SummaryRow[] = await (manager ?? this.dataSource).query(
      `${SUMMARY_SELECT} AND a.client_user_id = $3 ORDER BY a.applied_at ASC NULLS LAST, a.created_at ASC, a.id ASC`,
      [scope.agencyId, EMPLOYER_ANSWERED_OUTCOMES, clientUserId],
    );
    return rows.map(summaryOf);
  }

  /**
   * Summaries by id within an agency, for batching (DataLoader) under rows the caller already
   * authorized. Unknown ids are simply absent from the map.
   */
  async summariesByIds(
    scope: AgencyScope,
    applicationIds: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, ApplicationSummary>> {
    if (applicationIds.length === 0) return new Map();
    const rows: SummaryRow[] = await (manager ?? this.dataSource).query(
      `${SUMMARY_SELECT} AND a.id = ANY($3::uuid[])`,
      [scope.agencyId, EMPLOYER_ANSWERED_OUTCOMES, [...applicationIds]],
    );
    return new Map(rows.map((row) => [row.id, summaryOf(row)]));
  }

  /** Job titles and employer names by application id within an agency; unknown ids are absent. */
  async labelsByIds(
    scope: AgencyScope,
    applicationIds: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, ApplicationLabel>> {
    if (applicationIds.length === 0) return new Map();
    const rows: { id: string; title: string; company_name: string }[] = await (manager ?? this.dataSource).query(
      `SELECT a.id, a.title, c.name AS company_name
         FROM applications a
         JOIN companies c ON c.agency_id = a.agency_id AND c.id = a.company_id
        WHERE a.agency_id = $1 AND a.id = ANY($2::uuid[])`,
      [scope.agencyId, [...applicationIds]],
    );
    return new Map(rows.map((row) => [row.id, { title: row.title, companyName: row.company_name }]));
  }

  /**
   * Per client, follow-ups logged since `since`, how many of those went beyond e-mail, and the latest
   * touch of all time; clients with no follow-up at all are absent. One statement for any number of clients.
   */
  async clientTouches(
    scope: AgencyScope,
    clientUserIds: readonly string[],
    since: Date,
    manager?: EntityManager,
  ): Promise<Map<string, ClientTouches>> {
    if (clientUserIds.length === 0) return new Map();
    const rows: { client_user_id: string; touches: number; beyond_email: number; last_touch_at: Date | null }[] =
      await (manager ?? this.dataSource).query(
        `SELECT f.client_user_id,
                (count(*) FILTER (WHERE f.occurred_at >= $3))::int AS touches,
                (count(*) FILTER (WHERE f.occurred_at >= $3 AND f.channel = ANY($4::varchar[])))::int AS beyond_email,
                max(f.occurred_at) AS last_touch_at
           FROM follow_ups f
          WHERE f.agency_id = $1 AND f.client_user_id = ANY($2::uuid[]) AND f.deleted_at IS NULL
          GROUP BY f.client_user_id`,
        [scope.agencyId, [...clientUserIds], since, BEYOND_EMAIL_CHANNELS],
      );
    return new Map(
      rows.map((row) => [
        row.client_user_id,
        { touches: row.touches, beyondEmail: row.beyond_email, lastTouchAt: row.last_touch_at },
      ]),
    );
  }
}

function isActor(scope: Actor | AgencyScope): scope is Actor {
  return 'role' in scope && Object.values(Role).includes((scope as Actor).role);
}
