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

/** @type {import('jest').Config} */
module.exports = {
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
  testMatch: ['<rootDir>/{apps,libs,tools,migrations,test}/**/*.{spec,int-spec,e2e-spec}.{ts,tsx}'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // @scure/base and @noble/hashes (under otplib) ship ES modules only; Node loads it with require(esm), Jest needs it compiled.
  transformIgnorePatterns: ['/node_modules/(?!(@scure|@noble)/)(?!.*/node_modules/(@scure|@noble)/)'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
