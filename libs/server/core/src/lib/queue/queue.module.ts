import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { createQueueConnection, queuePrefixFor } from './queue-connection';
import { QueueFactory } from './queue-factory';
import { QueueNames } from './queue-names';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: createQueueConnection(config).connection,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
    BullModule.registerQueueAsync({
      name: QueueNames.system,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        prefix: queuePrefixFor({ cluster: config.redisClusterNodes !== null }, 'bull', QueueNames.system),
      }),
    }),
  ],
  providers: [QueueFactory],
  exports: [BullModule, QueueFactory],
})
export class QueueModule {}
