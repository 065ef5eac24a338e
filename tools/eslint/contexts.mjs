// What the boundary lint knows about the bounded contexts, read from the tree so it cannot drift.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** The server libs that own tables, by folder name under libs/server. */
export const CONTEXTS = ['core', 'identity', 'pipeline', 'vents', 'playbooks', 'reminders', 'insights'];

/** Files that exist for tests only: specs, the e2e suites and test-support folders. */
export const TEST_FILES = [
  '**/*.spec.ts',
  '**/*.spec.tsx',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  'apps/*/e2e/**',
  'libs/server/*/src/lib/testing/**',
  'test/**',
];

/** Entity classes per context: `export class X` in every *.entity.ts of the lib. */
export function entityClassesByContext() {
  const result = {};
  for (const context of CONTEXTS) {
    const src = join(root, 'libs', 'server', context, 'src');
    const names = [];
    for (const file of readdirSync(src, { recursive: true })) {
      if (!String(file).endsWith('.entity.ts')) continue;
      const text = readFileSync(join(src, String(file)), 'utf8');
      for (const match of text.matchAll(/export class (\w+)/g)) names.push(match[1]);
    }
    result[context] = names.sort();
  }
  return result;
}
