import { Injectable } from '@nestjs/common';
import { DispatchReport, ReminderDispatcher } from '../services/reminder-dispatcher.service';

/** Thin: the scheduler's repeating job runs one dispatch of everything due. */
@Injectable()
export class ReminderScanProcessor {
  constructor(private readonly dispatcher: ReminderDispatcher) {}

  process(): Promise<DispatchReport> {
    return this.dispatcher.dispatchDue();
  }
}
