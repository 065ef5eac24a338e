export * from './lib/enums';
export * from './lib/email';
export * from './lib/time-zone';
export * from './lib/keyset-cursor';
