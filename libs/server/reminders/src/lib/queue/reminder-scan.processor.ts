import { Inject, Injectable } from '@nestjs/common';
import { HeartbeatService } from '@followthrough/server-core';
import { REMINDER_SETTINGS, ReminderSettings } from '../reminder-settings';
import { DispatchReport, ReminderDispatcher } from '../services/reminder-dispatcher.service';

/** The heartbeat /health reads: "the reminder scan ran at …". */
export const SCAN_HEARTBEAT = 'reminder-scan';

/** Thin: the scheduler's repeating job runs one dispatch of everything due, then records that it ran. */
@Injectable()
export class ReminderScanProcessor {
  constructor(
    private readonly dispatcher: ReminderDispatcher,
    private readonly heartbeats: HeartbeatService,
    @Inject(REMINDER_SETTINGS) private readonly settings: ReminderSettings,
  ) {}

  async process(): Promise<DispatchReport> {
    const report = await this.dispatcher.dispatchDue();
    await this.heartbeats.beat(SCAN_HEARTBEAT, this.settings.scanEveryMs);
    return report;
  }
}
