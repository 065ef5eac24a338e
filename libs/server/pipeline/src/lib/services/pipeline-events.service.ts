import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClientChange, ClientChanges } from '@followthrough/server-core';
import {
  ApplicationStage,
  FollowUpChannel,
  FollowUpDirection,
  FollowUpOutcome,
  FollowUpPurpose,
} from '@followthrough/shared-domain';

/** What every pipeline event carries: ids and the tenant, never personal data. */
export interface PipelineEvent {
  agencyId: string;
  clientUserId: string;
  applicationId: string;
  /** Who made the change (the client, or a coach/admin on their behalf). */
  actorUserId: string;
  occurredAt: Date;
}

/** Also emitted when an application is created (fromStage null). */
export interface StageChangedEvent extends PipelineEvent {
  stageChangeId: string;
  fromStage: ApplicationStage | null;
  toStage: ApplicationStage;
}

export interface FollowUpLoggedEvent extends PipelineEvent {
  followUpId: string;
  channel: FollowUpChannel;
  direction: FollowUpDirection;
  purpose: FollowUpPurpose;
  outcome: FollowUpOutcome | null;
}

/** Emitted when an application is first marked as having no reachable contact. */
export type NoReachableContactEvent = PipelineEvent;

/**
 * Runs inside the transaction that made the change, with its EntityManager: write with it and
 * your rows commit or roll back with the change. A listener that throws aborts the change.
 */
export type PipelineListener<E> = (event: E, manager: EntityManager) => Promise<void> | void;

/** Call to stop listening. */
export type Unsubscribe = () => void;

/**
 * A tiny in-process observer for other contexts (playbooks, reminders, insights): they register
 * listeners at start-up (e.g. in onModuleInit) and the pipeline awaits them, in registration order,
 * inside its own transaction.
 */
@Injectable()
export class PipelineEvents {
  constructor(private readonly changes: ClientChanges) {}

  private readonly stageChanged: PipelineListener<StageChangedEvent>[] = [];
  private readonly followUpLogged: PipelineListener<FollowUpLoggedEvent>[] = [];
  private readonly noReachableContact: PipelineListener<NoReachableContactEvent>[] = [];

  onStageChanged(listener: PipelineListener<StageChangedEvent>): Unsubscribe {
    return this.add(this.stageChanged, listener);
  }

  onFollowUpLogged(listener: PipelineListener<FollowUpLoggedEvent>): Unsubscribe {
    return this.add(this.followUpLogged, listener);
  }

  onNoReachableContact(listener: PipelineListener<NoReachableContactEvent>): Unsubscribe {
    return this.add(this.noReachableContact, listener);
  }

  /** Pipeline-internal: called by the pipeline's services inside their transaction. */
  async emitStageChanged(event: StageChangedEvent, manager: EntityManager): Promise<void> {
    await this.emit(this.stageChanged, event, manager);
  }

  /** Pipeline-internal. */
  async emitFollowUpLogged(event: FollowUpLoggedEvent, manager: EntityManager): Promise<void> {
    await this.emit(this.followUpLogged, event, manager);
  }

  /** Pipeline-internal. */
  async emitNoReachableContact(event: NoReachableContactEvent, manager: EntityManager): Promise<void> {
    await this.emit(this.noReachableContact, event, manager);
  }

  private add<E>(listeners: PipelineListener<E>[], listener: PipelineListener<E>): Unsubscribe {
    listeners.push(listener);
    return () => {
      const index = listeners.indexOf(listener);
      if (index >= 0) listeners.splice(index, 1);
    };
  }

  private async emit<E extends ClientChange>(
    listeners: PipelineListener<E>[],
    event: E,
    manager: EntityManager,
  ): Promise<void> {
    for (const listener of [...listeners]) await listener(event, manager);
    // Read models (insights) redo this client before the transaction commits.
    await this.changes.changed(manager, event.agencyId, event.clientUserId);
  }
}
