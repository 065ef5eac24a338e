export * from './lib/test-api';
export * from './lib/graphql-client';
export * from './lib/agency-fixture';
export * from './lib/database';
export * from './lib/isolated-database';
export * from './lib/test-smtp-server';
export * from './lib/bulk-caseload';
export * from './lib/postgres-servers';
