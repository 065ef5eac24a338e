// @ts-check
const { readFileSync } = require('node:fs');

const swcConfig = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8'));

// tsconfig path aliases → the libs' source folders.
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    `<rootDir>/${target}`,
  ]),
);

const FOLDERS = '<rootDir>/{apps,libs,tools,migrations,test}/**';

/** What every spec needs, with or without services. */
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    // The web app's components are TSX with React's automatic JSX runtime.
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        ...swcConfig,
        swcrc: false,
        jsc: {
          ...swcConfig.jsc,
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
        },
      },
    ],
    '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swcConfig, swcrc: false }],
  },
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // @scure/base and @noble/hashes (under otplib) ship ES modules only; Node loads it with require(esm), Jest needs it compiled.
  transformIgnorePatterns: ['/node_modules/(?!(@scure|@noble)/)(?!.*/node_modules/(@scure|@noble)/)'],
  setupFiles: ['reflect-metadata'],
};

/**
 * Two projects. Jest runs a project's global setup only when a test of that project runs, so
 * `jest libs/shared/domain` (unit specs only) starts no database, while `npm test` runs both.
 * @type {import('jest').Config}
 */
module.exports = {
  projects: [
    // *.spec.ts(x): pure code, no PostgreSQL, Redis or SMTP.
    { ...base, displayName: 'unit', testMatch: [`${FOLDERS}/*.spec.{ts,tsx}`] },
    // *.int-spec.ts and *.e2e-spec.ts: a fresh migrated database per run, and the other services.
    {
      ...base,
      displayName: 'int',
      testMatch: [`${FOLDERS}/*.{int-spec,e2e-spec}.{ts,tsx}`],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
  // Read from the top level (a project's own value is not used when several projects run).
  testTimeout: 60_000,
  maxWorkers: 2,
};
