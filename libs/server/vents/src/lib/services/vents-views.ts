import type { ApplicationSummary } from '@followthrough/server-pipeline';
import { ApplicationSummaryView } from '@followthrough/server-pipeline';
import { ActionView, VentView } from '../dto/vents.types';
import { Action } from '../entities/action.entity';
import { Vent } from '../entities/vent.entity';

export function ventView(row: Vent): VentView {
  return {
    id: row.id,
    clientUserId: row.clientUserId,
    text: row.text,
    mood: row.mood,
    tags: row.tags,
    applicationId: row.applicationId,
    sharedWithCoach: row.sharedWithCoach,
    state: row.state,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What a coach or admin reads instead of the title of an action made from a private vent. */
export const PRIVATE_ACTION_TITLE = 'A step from a private vent';

/**
 * An action as its reader may see it. `privateVent`: it comes from a vent the client has not shared;
 * `masked`: the reader is not that client, so the vent and the title (often the vent's own words) stay hidden.
 */
export function actionView(row: Action, privateVent = false, masked = false): ActionView {
  const hide = privateVent && masked;
  return {
    id: row.id,
    clientUserId: row.clientUserId,
    title: hide ? PRIVATE_ACTION_TITLE : row.title,
    fromPrivateVent: privateVent,
    dueOn: row.dueOn,
    status: row.status,
    source: row.source,
    ventId: hide ? null : row.ventId,
    applicationId: row.applicationId,
    createdByUserId: row.createdByUserId,
    onBehalf: row.onBehalf,
    settledAt: row.settledAt,
    settledByUserId: row.settledByUserId,
    createdAt: row.createdAt,
  };
}

export function applicationSummaryView(summary: ApplicationSummary): ApplicationSummaryView {
  return {
    id: summary.id,
    clientUserId: summary.clientUserId,
    companyId: summary.companyId,
    title: summary.title,
    companyName: summary.companyName,
    stage: summary.stage,
    appliedAt: summary.appliedAt,
    lastTouchAt: summary.lastTouchAt,
    hasPhoneContact: summary.hasPhoneContact,
    noReachableContact: summary.noReachableContact,
  };
}
