import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PipelineEvent, PipelineEvents } from '@followthrough/server-pipeline';
import { radarVersionBumpStatement } from '../sql/radar-snapshot.query';
import { runnerOf } from './insights-sql.service';

/**
 * Bumps the agency's radar data version inside the transaction of every pipeline change the radar ranks on
 * (a stage change or a new application, a follow-up, a no-reachable-contact mark): the change and the bump
 * commit together, so the next radar request finds its snapshot older than the data and recomputes it.
 * Changes made elsewhere (vents, steps, reminders, assignments, time passing) are picked up within the
 * snapshot's maximum age.
 */
@Injectable()
export class RadarDataVersion implements OnModuleInit {
  constructor(private readonly events: PipelineEvents) {}

  onModuleInit(): void {
    this.events.onStageChanged((event, manager) => this.bump(event, manager));
    this.events.onFollowUpLogged((event, manager) => this.bump(event, manager));
    this.events.onNoReachableContact((event, manager) => this.bump(event, manager));
  }

  private async bump(event: PipelineEvent, manager: EntityManager): Promise<void> {
    await runnerOf(manager)(radarVersionBumpStatement(event.agencyId, new Date()));
  }
}
