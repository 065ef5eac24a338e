import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@followthrough/server-core';
import { WorkerModule } from './worker.module';

/** Starts the BullMQ processors. Closing the context closes the workers, which let in-flight jobs finish. */
export async function startWorker(): Promise<INestApplicationContext> {
  // Checked before Nest starts logging, so that a bad variable is the only line printed.
  loadAppConfig();
  const context = await NestFactory.createApplicationContext(WorkerModule);
  await context.init();
  return context;
}
