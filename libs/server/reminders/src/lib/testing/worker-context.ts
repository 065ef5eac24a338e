import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CoreModule } from '@followthrough/server-core';
import { TEST_LINK_KEYS } from '@followthrough/server-testing';
import { RemindersWorkerModule } from '../reminders-worker.module';

/** The worker side (scan + sender) in this process, with environment overrides for this context only. */
export async function startWorkerContext(env: Record<string, string>): Promise<INestApplicationContext> {
  const saved = { ...process.env };
  Object.assign(process.env, { LINK_SIGNING_KEYS: TEST_LINK_KEYS }, env);
  try {
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule, RemindersWorkerModule] }).compile();
    moduleRef.useLogger(['error', 'warn']);
    await moduleRef.init();
    return moduleRef;
  } finally {
    process.env = saved;
  }
}
