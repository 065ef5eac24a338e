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
});
