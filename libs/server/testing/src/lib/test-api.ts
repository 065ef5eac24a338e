import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { CoreModule, GraphqlApiModule, HealthModule, configureHttp } from '@followthrough/server-core';
import { GraphqlClient } from './graphql-client';

export interface TestApi {
  app: INestApplication;
  url: string;
  /** A client with no token; `.as(token)` gives one that sends it. */
  client: GraphqlClient;
  close(): Promise<void>;
}

// One link key per test process, so that every test API in it accepts the others' links.
/** The link-signing keys of every test API in this process; worker contexts that sign links for it use them too. */
export const TEST_LINK_KEYS = `test:${randomBytes(32).toString('hex')}`;
/** The TOTP-secret key of every test API in this process (needed when a test runs one in production mode). */
export const TEST_MFA_ENCRYPTION_KEY = randomBytes(32).toString('hex');

/**
 * Boots the real API stack (configuration, PostgreSQL, queue, auth guard, GraphQL) with the
 * given context modules on a random loopback port. Environment overrides apply to this app only.
 */
export async function startTestApi(
  modules: Array<Type | DynamicModule>,
  env: Record<string, string> = {},
): Promise<TestApi> {
  const saved = { ...process.env };
  // Suites call one operation as one user far more often than a person would.
  Object.assign(
    process.env,
    {
      PORT: '0',
      TRUST_PROXY: '1',
      LOGIN_MAX_FAILURES_PER_IP: '1000',
      SIGNUP_MAX_PER_IP: '100000',
      LINK_SIGNING_KEYS: TEST_LINK_KEYS,
      MFA_ENCRYPTION_KEY: TEST_MFA_ENCRYPTION_KEY,
      GRAPHQL_RATE_LIMIT: '100000',
    },
    env,
  );
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule, GraphqlApiModule, HealthModule, ...modules],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    return { app, url, client: new GraphqlClient(url), close: () => app.close() };
  } finally {
    process.env = saved;
  }
}
