export * from './lib/enums';
export * from './lib/email';
export * from './lib/time-zone';
export * from './lib/keyset-cursor';
export * from './lib/business-time';
export * from './lib/follow-up-vocabulary';
export * from './lib/reminder-kinds';
