export * from './lib/playbooks.module';
export * from './lib/playbooks-worker.module';
export * from './lib/entities';
export * from './lib/cadence/playbook-step';
export * from './lib/cadence/default-playbook';
export * from './lib/services/step-reminder-scheduler.service';
export * from './lib/services/playbooks-data-rights.service';
