import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAppConfig } from '@followthrough/server-core';

describe('docker-compose.yml', () => {
  const compose = readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8');
  const secretLines = compose
    .split('\n')
    .filter((line) => /^\s+(JWT_SECRET|LINK_SIGNING_KEYS|MFA_ENCRYPTION_KEY):/.test(line));

  it('ships no secret: each one must come from the environment, and compose stops without it', () => {
    expect(secretLines.map((line) => line.trim().split(':')[0]).sort()).toEqual([
      'JWT_SECRET',
      'LINK_SIGNING_KEYS',
      'MFA_ENCRYPTION_KEY',
    ]);
    for (const line of secretLines) {
      const [, name, value] = /^\s+(\w+):\s*(.*)$/.exec(line) as RegExpExecArray;
      expect(value).toMatch(new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`));
    }
  });

  it('has no value that production would start with unchanged', () => {
    const literal = (name: string) =>
      secretLines
        .find((line) => line.includes(`${name}:`))
        ?.split(`${name}:`)[1]
        .trim() ?? '';
    expect(() =>
      loadAppConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/app',
        JWT_SECRET: literal('JWT_SECRET'),
        LINK_SIGNING_KEYS: literal('LINK_SIGNING_KEYS'),
        MFA_ENCRYPTION_KEY: literal('MFA_ENCRYPTION_KEY'),
      }),
    ).toThrow(/Configuration error/);
  });

  it('runs the API and the workers as a role that is not the owner; the migrations, as the owner', () => {
    // The services, each as its block of text (two-space indented names under `services:`).
    const blocks = compose
      .split(/\n(?= {2}[\w-]+:\s*(?:&[\w-]+\s*)?\n)/)
      .map((block) => ({ name: /^\s*([\w-]+):/.exec(block)?.[1] ?? '', text: block }));
    const owners = new Set([...compose.matchAll(/POSTGRES_USER:\s*(\S+)/g)].map((match) => match[1]));
    const userOf = (text: string, variable: string) =>
      [...text.matchAll(new RegExp(`^\\s+${variable}:\\s*postgres://([^:@]+)`, 'gm'))].map((match) => match[1]);
    expect(owners).toEqual(new Set(['followthrough']));

    const appUsers = userOf(compose, 'DATABASE_URL').concat(userOf(compose, 'DATABASE_REPLICA_URL'));
    expect(appUsers.length).toBeGreaterThanOrEqual(4);
    expect(new Set(appUsers)).toEqual(new Set(['followthrough_app']));

    const migrators = blocks.filter((block) => block.text.includes("'migration:run'"));
    expect(migrators.map((block) => block.name).sort()).toEqual(['migrate', 'migrate-scale']);
    for (const block of migrators) expect(userOf(block.text, 'DATABASE_OWNER_URL')).toEqual(['followthrough']);
    // Only the migrations know the owner's address.
    expect(userOf(compose, 'DATABASE_OWNER_URL')).toHaveLength(2);
    // PgBouncer's server connections sign in as the application's role too.
    expect(/PG_APP_USER:\s*followthrough_app/.test(compose)).toBe(true);
  });
});
