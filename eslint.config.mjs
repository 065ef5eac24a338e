import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettierConfig from 'eslint-config-prettier';
import { CONTEXTS, TEST_FILES, entityClassesByContext } from './tools/eslint/contexts.mjs';
import { ensureProjectGraph } from './tools/eslint/project-graph.mjs';

// Without a project graph the boundary rule skips itself and lets every import through.
await ensureProjectGraph();

const BASE = ['context:core', 'context:shared'];
/** Which context may import which: the dependency graph the architecture states. */
const CONTEXT_DEPENDENCIES = {
  'context:shared': ['context:shared'],
  'context:core': BASE,
  'context:identity': BASE,
  'context:pipeline': ['context:identity', ...BASE],
  'context:reminders': ['context:identity', ...BASE],
  'context:vents': ['context:pipeline', 'context:identity', ...BASE],
  'context:playbooks': ['context:pipeline', 'context:reminders', 'context:identity', ...BASE],
  // Insights reads every context (its read model); the rules below keep it from writing.
  'context:insights': [
    'context:identity',
    'context:pipeline',
    'context:vents',
    'context:playbooks',
    'context:reminders',
    ...BASE,
  ],
  // Data rights call every context's exported data-rights service, in one transaction.
  'context:data-rights': [
    'context:identity',
    'context:pipeline',
    'context:vents',
    'context:playbooks',
    'context:reminders',
    'context:insights',
    ...BASE,
  ],
  'context:testing': BASE,
};

/** The module-boundary rule; the test harness is allowed only where `testing` is true. */
function boundaries(testing) {
  const extra = testing ? ['context:testing'] : [];
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: [],
      depConstraints: [
        ...Object.entries(CONTEXT_DEPENDENCIES).map(([sourceTag, tags]) => ({
          sourceTag,
          onlyDependOnLibsWithTags: [...tags, ...extra],
        })),
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
        { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
        // The dashboard's browser tests boot the real API, so they may use server libs and the test harness.
        { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
        {
          sourceTag: 'type:e2e',
          onlyDependOnLibsWithTags: ['type:feature', 'type:core', 'type:util', 'type:testing'],
        },
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:core', 'type:util'] },
        {
          sourceTag: 'type:feature',
          onlyDependOnLibsWithTags: ['type:feature', 'type:core', 'type:util', ...(testing ? ['type:testing'] : [])],
        },
        { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:core', 'type:util'] },
        { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core', 'type:util'] },
        { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
      ],
    },
  ];
}

// An entity is its context's storage: other code goes through the context's exported services.
const ENTITIES = entityClassesByContext();
function foreignEntities(owner) {
  const paths = CONTEXTS.filter((context) => context !== owner && ENTITIES[context].length > 0).map((context) => ({
    name: `@followthrough/server-${context}`,
    importNames: [...ENTITIES[context], `${context.toUpperCase()}_ENTITIES`],
    message: `Entities belong to the ${context} context; use its exported services instead.`,
  }));
  return [
    'error',
    {
      paths,
      patterns: [
        {
          group: ['@followthrough/*/*'],
          message: 'Import a lib through its public entry point (its index.ts) only.',
        },
      ],
    },
  ];
}

// Insights is a read model: no ORM writes (its own tables are written by SQL in its sql/ folder).
const WRITE_METHODS = 'save|insert|update|upsert|delete|remove|softDelete|softRemove|restore|increment|decrement';

export default [
  { ignores: ['**/node_modules', '**/dist', '.data/**', '.nx/**', 'coverage/**', 'apps/web/dist/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      'no-restricted-imports': foreignEntities(undefined),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Specs and test-support files may use the test harness.
  { files: TEST_FILES, rules: { '@nx/enforce-module-boundaries': boundaries(true) } },
  // A context may use its own entities; the migrations and the benchmarks register every context's.
  ...CONTEXTS.map((context) => ({
    files: [`libs/server/${context}/**/*.ts`],
    rules: { 'no-restricted-imports': foreignEntities(context) },
  })),
  { files: ['migrations/**/*.ts', 'bench/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['libs/server/insights/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.property.name=/^(${WRITE_METHODS})$/]`,
          message: 'Insights is read-only: it may not write through the ORM.',
        },
        {
          selector: "CallExpression[callee.property.name='getRepository']",
          message: 'Insights reads through SQL in its read model, not through other contexts’ repositories.',
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // Formatting is Prettier's job (checked by `npm run lint`); eslint keeps to correctness.
  prettierConfig,
];
