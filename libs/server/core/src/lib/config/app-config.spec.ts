import { ConfigError, loadAppConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://localhost/app', NODE_ENV: 'development' };
const production = {
  ...base,
  NODE_ENV: 'production',
  JWT_SECRET: 'a'.repeat(40),
  LINK_SIGNING_KEYS: `k2:${'d'.repeat(40)},k1:${'e'.repeat(40)}`,
  MFA_ENCRYPTION_KEY: 'f'.repeat(40),
};

describe('loadAppConfig', () => {
  it('runs in development with only a database URL', () => {
    const config = loadAppConfig(base);
    expect(config.production).toBe(false);
    expect(config.port).toBe(3000);
    expect(config.redisUrl).toBeNull();
    expect(config.redisClusterNodes).toBeNull();
    expect(config.replica).toEqual({ url: null, maxLagSeconds: 5 });
    expect(config.jwt.ttlSeconds).toBe(900);
    expect(config.login).toMatchObject({ freeFailures: 3, baseDelaySeconds: 15 });
    expect(config.signUp).toEqual({ maxPerIp: 10, maxPerAddress: 5, windowSeconds: 3600 });
    expect(config.smtpUrl).toBeNull();
    expect(config.dataDir).toBe('.data');
    expect(config.mailFrom).toMatch(/<.+@.+>/);
  });

  it('reads link keys apart from the JWT secret; the first one signs', () => {
    expect(loadAppConfig(production).linkKeys.map((key) => key.id)).toEqual(['k2', 'k1']);
    const development = loadAppConfig(base);
    expect(development.linkKeys).toHaveLength(1);
    expect(development.linkKeys[0].secret).not.toBe(development.jwt.secret);
  });

  it.each([
    [{ NODE_ENV: 'development' }, 'DATABASE_URL is required'],
    [{ NODE_ENV: 'development', DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL must start with postgres:'],
    [{ ...base, PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ ...base, REDIS_URL: 'not a url' }, 'REDIS_URL is not a valid URL'],
    [{ ...base, NODE_ENV: 'production' }, 'JWT_SECRET is required in production'],
    [{ ...base, JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ ...base, JWT_TTL_SECONDS: '3600' }, 'JWT_TTL_SECONDS must be a whole number from 60 to 900'],
    [
      { ...base, REDIS_CLUSTER_NODES: '127.0.0.1:7001,nowhere' },
      'REDIS_CLUSTER_NODES must list host:port pairs separated by commas (got "nowhere")',
    ],
    [{ ...base, DATABASE_REPLICA_URL: 'mysql://replica/app' }, 'DATABASE_REPLICA_URL must start with postgres:'],
    [{ ...base, REPLICA_MAX_LAG_SECONDS: '-1' }, 'REPLICA_MAX_LAG_SECONDS must be a whole number from 0'],
    [{ ...base, SMTP_URL: 'http://mail.example' }, 'SMTP_URL must start with smtp: or smtps:'],
    [{ ...base, MAIL_FROM: 'nobody' }, 'MAIL_FROM must be an address'],
    [{ ...base, NODE_ENV: 'staging' }, 'NODE_ENV must be development, production or test'],
    [{ DATABASE_URL: 'postgres://localhost/app' }, 'JWT_SECRET is required (or set NODE_ENV=development'],
    [
      { ...production, JWT_SECRET: 'followthrough-development-secret-not-for-production-use' },
      'JWT_SECRET is the public development secret',
    ],
    [
      { ...production, JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more' },
      'JWT_SECRET is a placeholder',
    ],
    [{ ...production, JWT_SECRET: 'replace_me_with_your_own_secret_value_please' }, 'JWT_SECRET is a placeholder'],
    [{ ...production, LINK_SIGNING_KEYS: '' }, 'LINK_SIGNING_KEYS is required in production'],
    [{ ...production, LINK_SIGNING_KEYS: 'k1:too-short' }, 'LINK_SIGNING_KEYS must be at least 32 characters'],
    [
      { ...production, LINK_SIGNING_KEYS: `k1:${'b'.repeat(40)},k1:${'c'.repeat(40)}` },
      'LINK_SIGNING_KEYS has the same id twice',
    ],
    [{ ...production, LINK_SIGNING_KEYS: `k1:${'a'.repeat(40)}` }, 'LINK_SIGNING_KEYS must not reuse JWT_SECRET'],
    [
      { ...production, LINK_SIGNING_KEYS: 'no separator here at all, not even one' },
      'LINK_SIGNING_KEYS must be id:secret pairs',
    ],
    [{ ...production, MFA_ENCRYPTION_KEY: '' }, 'MFA_ENCRYPTION_KEY is required in production'],
    [{ ...production, MFA_ENCRYPTION_KEY: 'short' }, 'MFA_ENCRYPTION_KEY must be at least 32 characters'],
    [
      { ...production, MFA_ENCRYPTION_KEY: 'change-me-to-a-long-random-secret-of-32-chars-or-more' },
      'MFA_ENCRYPTION_KEY is a placeholder',
    ],
    [
      { ...production, MFA_ENCRYPTION_KEY: 'followthrough-development-secret-not-for-production-use' },
      'MFA_ENCRYPTION_KEY is the public development secret',
    ],
    [{ ...production, MFA_ENCRYPTION_KEY: 'a'.repeat(40) }, 'MFA_ENCRYPTION_KEY must not reuse JWT_SECRET'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadAppConfig(env)).toThrow(ConfigError);
    expect(() => loadAppConfig(env)).toThrow(message);
  });

  it('derives a 32-byte key for TOTP secrets, apart from the JWT secret', () => {
    const key = loadAppConfig(production).mfaEncryptionKey;
    expect(key).toHaveLength(32);
    expect(loadAppConfig({ ...production, MFA_ENCRYPTION_KEY: 'g'.repeat(40) }).mfaEncryptionKey).not.toEqual(key);
    expect(loadAppConfig(base).mfaEncryptionKey).toHaveLength(32);
  });

  it('reads the seed nodes of a Redis Cluster', () => {
    expect(loadAppConfig({ ...base, REDIS_CLUSTER_NODES: '127.0.0.1:7001, redis-2:7002' }).redisClusterNodes).toEqual([
      { host: '127.0.0.1', port: 7001 },
      { host: 'redis-2', port: 7002 },
    ]);
  });
});
