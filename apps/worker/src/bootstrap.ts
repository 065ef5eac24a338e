import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

/** Starts the BullMQ processors. Closing the context closes the workers, which let in-flight jobs finish. */
export async function startWorker(): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(WorkerModule);
  await context.init();
  return context;
}
