import { ModuleRef } from '@nestjs/core';
import type { IdentityDirectory } from '@followthrough/server-identity';
import type { ApplicationDirectory } from '@followthrough/server-pipeline';
import { PlaybooksWorkerModule } from '@followthrough/server-playbooks';
import { ReminderComposerRegistry } from '@followthrough/server-reminders';
import { REMINDER_KINDS } from '@followthrough/shared-domain';
import { WorkerModule } from './worker.module';

function workerWith(registry: ReminderComposerRegistry): WorkerModule {
  return new WorkerModule({ get: () => registry } as unknown as ModuleRef);
}

describe('the worker’s boot check of reminder composers', () => {
  it('refuses to start when a reminder kind has no composer, naming the kind', () => {
    const registry = new ReminderComposerRegistry();
    expect(() => workerWith(registry).onModuleInit()).toThrow(/"playbook\.step-due"/);
  });

  it('starts once the worker’s modules have registered theirs', () => {
    const registry = new ReminderComposerRegistry();
    // The composers only keep these services for the moment they compose.
    new PlaybooksWorkerModule(registry, {} as ApplicationDirectory, {} as IdentityDirectory).onModuleInit();
    expect(registry.missing()).toEqual([]);
    expect(registry.kinds()).toEqual([...REMINDER_KINDS].sort());
    expect(() => workerWith(registry).onModuleInit()).not.toThrow();
  });
});
