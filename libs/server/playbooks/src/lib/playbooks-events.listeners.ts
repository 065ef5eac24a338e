import { Injectable, OnModuleInit } from '@nestjs/common';
import { PipelineEvents } from '@followthrough/server-pipeline';
import { CadenceService } from './services/cadence.service';

/**
 * Everything playbooks hears, in one place. Each listener runs inside the pipeline's transaction:
 * the cadence's steps (and their reminders) commit or roll back with the change that moved them.
 */
@Injectable()
export class PlaybooksEventListeners implements OnModuleInit {
  constructor(
    private readonly events: PipelineEvents,
    private readonly cadences: CadenceService,
  ) {}

  onModuleInit(): void {
    this.events.onStageChanged((event, manager) =>
      this.cadences.apply(event, { type: 'STAGE_CHANGED', to: event.toStage, at: event.occurredAt }, manager),
    );
    this.events.onFollowUpLogged((event, manager) =>
      this.cadences.apply(
        event,
        {
          type: 'FOLLOW_UP_LOGGED',
          followUpId: event.followUpId,
          channel: event.channel,
          purpose: event.purpose,
          direction: event.direction,
          outcome: event.outcome,
          at: event.occurredAt,
        },
        manager,
      ),
    );
    this.events.onNoReachableContact((event, manager) =>
      this.cadences.apply(event, { type: 'NO_REACHABLE_CONTACT', at: event.occurredAt }, manager),
    );
  }
}
