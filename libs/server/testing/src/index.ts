export * from './lib/test-api';
export * from './lib/graphql-client';
export * from './lib/agency-fixture';
export * from './lib/database';
