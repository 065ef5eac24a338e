import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

/** Starts the BullMQ processors; SIGTERM lets in-flight jobs finish before exit (Nest closes the workers). */
export async function startWorker(): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(WorkerModule);
  context.enableShutdownHooks();
  await context.init();
  return context;
}
