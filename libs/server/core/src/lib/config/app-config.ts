import { createHash, createHmac } from 'node:crypto';
import { ConfigError, Env, parseWholeNumber } from './config-parsers';

// Loaders of every context throw the same error; it is exported from here, with the application's settings.
export { ConfigError };

/** Everything the server reads from its environment, validated once at start-up. */
export interface AppConfig {
  production: boolean;
  port: number;
  databaseUrl: string;
  /** A streaming replica for reads that may lag (insights); they go to the primary while it lags more than maxLagSeconds. */
  replica: { url: string | null; maxLagSeconds: number };
  /** When set, BullMQ runs on Redis; otherwise on its PostgreSQL backend in `databaseUrl`. */
  redisUrl: string | null;
  /** Seed nodes of a Redis Cluster carrying BullMQ (REDIS_CLUSTER_NODES); REDIS_URL then only lends its credentials. */
  redisClusterNodes: { host: string; port: number }[] | null;
  /** When set, mail goes to this SMTP server; otherwise to the embedded sink storing it under `dataDir`/mail. */
  smtpUrl: string | null;
  /** The From address of outgoing mail. */
  mailFrom: string;
  /** Where local state lives (embedded PostgreSQL, the mail sink's messages). */
  dataDir: string;
  publicUrl: string;
  /** Proxy hops to trust for the client address (Express `trust proxy`); 0 behind no proxy. */
  trustProxy: number;
  jwt: { secret: string; issuer: string; audience: string; ttlSeconds: number };
  /** Keys of login-free links in e-mails and calendar feeds, never the JWT secret. The first signs; all verify. */
  linkKeys: LinkSigningKey[];
  /** The AES-256 key (32 bytes) that encrypts TOTP secrets in the database (MFA_ENCRYPTION_KEY). */
  mfaEncryptionKey: Buffer;
  /**
   * Sign-in attempts: per IP in a fixed window; per (account, IP) pair a few free failures, then a wait
   * that doubles with each further failure, so nobody else's guessing can lock an owner out.
   */
  login: {
    maxFailuresPerIp: number;
    windowSeconds: number;
    freeFailures: number;
    baseDelaySeconds: number;
    maxDelaySeconds: number;
  };
  /** Attempts at registerAgency, acceptInvitation and password resets, per IP and per target address. */
  signUp: { maxPerIp: number; maxPerAddress: number; windowSeconds: number };
  /** What one GraphQL request may ask for; checked before any resolver runs. */
  limits: GraphqlLimits;
  /** Audit events older than this are deleted; 0 keeps them for ever. */
  auditRetentionDays: number;
}

export interface GraphqlLimits {
  /** Highest cost of one operation (query-limits.ts says how a cost is counted). */
  maxCost: number;
  maxAliases: number;
  /** Lexical tokens in one document; the parser stops past it. */
  maxTokens: number;
  /** After this, fields not yet resolved answer TIMEOUT. */
  timeoutMs: number;
  /** Calls of one root field per user (or per IP when signed out) per window; 0 turns the limit off. */
  rateLimitPerOperation: number;
  rateLimitWindowSeconds: number;
  /** Largest accepted HTTP body; larger answers 413. */
  maxBodyBytes: number;
}

export interface LinkSigningKey {
  /** Written into every link, so that a link names the key that checks it. */
  id: string;
  secret: string;
}

// Used only outside production so that `npm start` needs no environment at all.
const DEVELOPMENT_JWT_SECRET = 'followthrough-development-secret-not-for-production-use';

// Secrets published in documentation, examples and earlier compose files: never good in production.
const PLACEHOLDER =
  /change[-_ ]?me|replace[-_ ]?me|placeholder|your[-_ ]?(own[-_ ]?)?secret|secret[-_ ]?here|example|not[-_ ]?for[-_ ]?production|development[-_ ]?secret/i;

function parseSecret(name: string, value: string, production: boolean): string {
  if (value.length < 32) throw new ConfigError(name, 'must be at least 32 characters long');
  if (production && value === DEVELOPMENT_JWT_SECRET)
    throw new ConfigError(name, 'is the public development secret; set a random one (e.g. `openssl rand -hex 32`)');
  if (production && PLACEHOLDER.test(value))
    throw new ConfigError(name, 'is a placeholder from an example; set a random one (e.g. `openssl rand -hex 32`)');
  return value;
}

/** `LINK_SIGNING_KEYS=id:secret[,id:secret…]`: the first signs new links, every one still verifies. */
function parseLinkKeys(env: Env, jwtSecret: string, production: boolean): LinkSigningKey[] {
  const raw = env['LINK_SIGNING_KEYS']?.trim();
  if (!raw) {
    if (production)
      throw new ConfigError(
        'LINK_SIGNING_KEYS',
        'is required in production (id:secret, the first one signs; e.g. `k1:$(openssl rand -hex 32)`)',
      );
    // Outside production: a key derived from the JWT secret, so that `npm start` needs no environment.
    return [{ id: 'dev', secret: createHmac('sha256', jwtSecret).update('followthrough/signed-links').digest('hex') }];
  }
  const keys = raw.split(',').map((entry) => {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator).trim();
    if (separator < 1 || !/^[A-Za-z0-9_-]{1,16}$/.test(id)) {
      throw new ConfigError(
        'LINK_SIGNING_KEYS',
        'must be id:secret pairs separated by commas, ids of letters, digits, - or _ (at most 16)',
      );
    }
    return { id, secret: parseSecret('LINK_SIGNING_KEYS', entry.slice(separator + 1).trim(), production) };
  });
  if (new Set(keys.map((key) => key.id)).size !== keys.length)
    throw new ConfigError('LINK_SIGNING_KEYS', 'has the same id twice');
  if (keys.some((key) => key.secret === jwtSecret))
    throw new ConfigError('LINK_SIGNING_KEYS', 'must not reuse JWT_SECRET');
  return keys;
}

/**
 * `MFA_ENCRYPTION_KEY`: a secret of 32+ characters whose SHA-256 is the AES-256-GCM key of the TOTP
 * secrets at rest. Outside production, derived from the JWT secret so that `npm start` needs nothing.
 */
export function parseMfaEncryptionKey(env: Env, jwtSecret: string, production: boolean): Buffer {
  const raw = env['MFA_ENCRYPTION_KEY']?.trim();
  if (!raw) {
    if (production)
      throw new ConfigError('MFA_ENCRYPTION_KEY', 'is required in production (e.g. `openssl rand -hex 32`)');
    return createHmac('sha256', jwtSecret).update('followthrough/mfa-secrets').digest();
  }
  const secret = parseSecret('MFA_ENCRYPTION_KEY', raw, production);
  if (secret === jwtSecret) throw new ConfigError('MFA_ENCRYPTION_KEY', 'must not reuse JWT_SECRET');
  return createHash('sha256').update(secret, 'utf8').digest();
}

function parseUrl(env: Env, name: string, protocols: string[], required: boolean): string | null {
  const raw = env[name]?.trim();
  if (!raw) {
    if (required) throw new ConfigError(name, 'is required');
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL (expected ${protocols.map((p) => `${p}//…`).join(' or ')})`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.join(' or ')}// (got ${url.protocol}//)`);
  }
  return raw;
}

function parseClusterNodes(env: Env): { host: string; port: number }[] | null {
  const raw = env['REDIS_CLUSTER_NODES']?.trim();
  if (!raw) return null;
  return raw.split(',').map((entry) => {
    const match = /^\s*([\w.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})\s*$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) {
      throw new ConfigError(
        'REDIS_CLUSTER_NODES',
        `must list host:port pairs separated by commas (got "${entry.trim()}")`,
      );
    }
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
  });
}

function parseMailFrom(env: Env): string {
  const raw = env['MAIL_FROM']?.trim();
  if (!raw) return 'Followthrough <reminders@followthrough.localhost>';
  if (!/^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/.test(raw)) {
    throw new ConfigError('MAIL_FROM', `must be an address or "Name <address>" (got "${raw}")`);
  }
  return raw;
}

export function loadAppConfig(env: Env = process.env): AppConfig {
  const declaredEnv = env['NODE_ENV']?.trim();
  const nodeEnv = declaredEnv || 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test (got "${nodeEnv}")`);
  }
  const production = nodeEnv === 'production';
  const port = parseWholeNumber(env, 'PORT', 3000, 0, 65535);

  // The built-in secret is public: only a process that says it is for development or tests may use it.
  const secret =
    env['JWT_SECRET']?.trim() ||
    (declaredEnv === 'development' || declaredEnv === 'test' ? DEVELOPMENT_JWT_SECRET : '');
  if (!secret) {
    throw new ConfigError(
      'JWT_SECRET',
      production
        ? 'is required in production'
        : 'is required (or set NODE_ENV=development to use the public development secret)',
    );
  }
  parseSecret('JWT_SECRET', secret, production);

  return {
    production,
    port,
    databaseUrl: parseUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], true) as string,
    replica: {
      url: parseUrl(env, 'DATABASE_REPLICA_URL', ['postgres:', 'postgresql:'], false),
      maxLagSeconds: parseWholeNumber(env, 'REPLICA_MAX_LAG_SECONDS', 5, 0, 86_400),
    },
    redisUrl: parseUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], false),
    redisClusterNodes: parseClusterNodes(env),
    smtpUrl: parseUrl(env, 'SMTP_URL', ['smtp:', 'smtps:'], false),
    mailFrom: parseMailFrom(env),
    dataDir: env['DATA_DIR']?.trim() || '.data',
    publicUrl: parseUrl(env, 'PUBLIC_URL', ['http:', 'https:'], false) ?? `http://localhost:${port}`,
    trustProxy: parseWholeNumber(env, 'TRUST_PROXY', 0, 0, 10),
    jwt: {
      secret,
      issuer: env['JWT_ISSUER']?.trim() || 'followthrough',
      audience: env['JWT_AUDIENCE']?.trim() || 'followthrough-api',
      ttlSeconds: parseWholeNumber(env, 'JWT_TTL_SECONDS', 900, 60, 900),
    },
    linkKeys: parseLinkKeys(env, secret, production),
    mfaEncryptionKey: parseMfaEncryptionKey(env, secret, production),
    login: {
      maxFailuresPerIp: parseWholeNumber(env, 'LOGIN_MAX_FAILURES_PER_IP', 20, 1, 100_000),
      windowSeconds: parseWholeNumber(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
      freeFailures: parseWholeNumber(env, 'LOGIN_FREE_FAILURES', 3, 1, 100),
      baseDelaySeconds: parseWholeNumber(env, 'LOGIN_BASE_DELAY_SECONDS', 15, 1, 3600),
      maxDelaySeconds: parseWholeNumber(env, 'LOGIN_MAX_DELAY_SECONDS', 3600, 1, 86_400),
    },
    signUp: {
      maxPerIp: parseWholeNumber(env, 'SIGNUP_MAX_PER_IP', 10, 1, 100_000),
      maxPerAddress: parseWholeNumber(env, 'SIGNUP_MAX_PER_ADDRESS', 5, 1, 1000),
      windowSeconds: parseWholeNumber(env, 'SIGNUP_WINDOW_SECONDS', 3600, 1, 86_400),
    },
    limits: {
      maxCost: parseWholeNumber(env, 'GRAPHQL_MAX_COST', 20_000, 1, 10_000_000),
      maxAliases: parseWholeNumber(env, 'GRAPHQL_MAX_ALIASES', 20, 0, 10_000),
      maxTokens: parseWholeNumber(env, 'GRAPHQL_MAX_TOKENS', 3_000, 10, 1_000_000),
      timeoutMs: parseWholeNumber(env, 'GRAPHQL_TIMEOUT_MS', 10_000, 1, 600_000),
      rateLimitPerOperation: parseWholeNumber(env, 'GRAPHQL_RATE_LIMIT', 600, 0, 1_000_000),
      rateLimitWindowSeconds: parseWholeNumber(env, 'GRAPHQL_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
      maxBodyBytes: parseWholeNumber(env, 'HTTP_MAX_BODY_BYTES', 100_000, 1_000, 100_000_000),
    },
    auditRetentionDays: parseWholeNumber(env, 'AUDIT_RETENTION_DAYS', 365, 0, 36_500),
  };
}
