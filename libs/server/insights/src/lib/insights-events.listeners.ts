import { Injectable, OnModuleInit } from '@nestjs/common';
import { ClientChanges } from '@followthrough/server-core';
import { ClientRollups } from './services/client-rollups.service';

/**
 * Everything insights hears, in one place: the clients that a transaction changed (pipeline, vents,
 * steps, memberships), handed over just before it commits, so each client's rollup is redone in it.
 */
@Injectable()
export class InsightsEventListeners implements OnModuleInit {
  constructor(
    private readonly changes: ClientChanges,
    private readonly rollups: ClientRollups,
  ) {}

  onModuleInit(): void {
    this.changes.onChanges((changes, manager) => this.rollups.refreshChanged(changes, manager));
  }
}
