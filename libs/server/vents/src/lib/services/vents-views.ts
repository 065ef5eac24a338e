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

export function actionView(row: Action): ActionView {
  return {
    id: row.id,
    clientUserId: row.clientUserId,
    title: row.title,
    dueOn: row.dueOn,
    status: row.status,
    source: row.source,
    ventId: row.ventId,
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
