import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { CoreModule, GraphqlApiModule, HealthModule, configureHttp } from '@followthrough/server-core';
import { GraphqlClient } from './graphql-client';
import { TestSmtpServer } from './test-smtp-server';
import type { Mailbox } from './mail-links';

export interface TestApi {
  app: INestApplication;
  url: string;
  /** A client with no token; `.as(token)` gives one that sends it. */
  client: GraphqlClient;
  /** Where this API's e-mail arrives (a real SMTP server on loopback); null for an SMTP_URL not run by this process. */
  mailbox: TestSmtpServer | null;
  close(): Promise<void>;
}

let sharedMailbox: Promise<TestSmtpServer> | null = null;

/** One SMTP server for every test API of this process that is not given its own SMTP_URL. */
function processMailbox(): Promise<TestSmtpServer> {
  sharedMailbox ??= new TestSmtpServer().start().then((server) => server.unref());
  return sharedMailbox;
}

const mailboxes = new Map<string, Mailbox | null>();

/** Says where the mail of an API not started by startTestApi arrives (a benchmark's API, the scale topology). */
export function registerMailbox(apiUrl: string, mailbox: Mailbox): void {
  mailboxes.set(apiUrl, mailbox);
}

/**
 * The mailbox of the test API a client talks to: sign-up and invitation links arrive only by e-mail,
 * so the fixtures read them there, as a person would.
 */
export function mailboxOf(client: GraphqlClient): Mailbox {
  const mailbox = mailboxes.get(client.baseUrl);
  if (!mailbox)
    throw new Error(
      `No readable mailbox for the API at ${client.baseUrl}: start it with startTestApi, with no SMTP_URL or one of a TestSmtpServer`,
    );
  return mailbox;
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
  const mailbox = env['SMTP_URL'] ? (TestSmtpServer.running.get(env['SMTP_URL']) ?? null) : await processMailbox();
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
      ...(mailbox ? { SMTP_URL: mailbox.url } : {}),
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
    mailboxes.set(url, mailbox);
    return {
      app,
      url,
      client: new GraphqlClient(url),
      mailbox,
      close: async () => {
        await app.close();
        mailboxes.delete(url);
      },
    };
  } finally {
    process.env = saved;
  }
}
