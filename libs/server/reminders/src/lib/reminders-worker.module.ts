import { Module } from '@nestjs/common';
import { MailModule } from '@followthrough/server-core';
import { ReminderQueueFactory } from './queue/reminder-queue-factory';
import { ReminderQueues } from './queue/reminder-queues';
import { ReminderScanProcessor } from './queue/reminder-scan.processor';
import { ReminderSenderProcessor } from './queue/reminder-sender.processor';
import { ReminderWorkerHost } from './queue/reminder-worker.host';
import { DeliveryWatch } from './queue/delivery-watch';
import { RedisSettingsCheck } from './queue/redis-settings';
import { ReminderSchedulingModule } from './reminder-scheduling.module';
import { DigestDeliveryService } from './services/digest-delivery.service';
import { ReminderDeliveryService } from './services/reminder-delivery.service';
import { ReminderDispatcher } from './services/reminder-dispatcher.service';
import { SmtpHandOff } from './services/smtp-hand-off';

/** Worker side: the scheduler's scan (a BullMQ job scheduler) and the sender, over SMTP. */
@Module({
  imports: [ReminderSchedulingModule, MailModule],
  providers: [
    ReminderQueueFactory,
    ReminderQueues,
    ReminderDispatcher,
    SmtpHandOff,
    ReminderDeliveryService,
    DigestDeliveryService,
    ReminderSenderProcessor,
    ReminderScanProcessor,
    ReminderWorkerHost,
    DeliveryWatch,
    RedisSettingsCheck,
  ],
  exports: [ReminderSchedulingModule, ReminderDispatcher],
})
export class RemindersWorkerModule {}
