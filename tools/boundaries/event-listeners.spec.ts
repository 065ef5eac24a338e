import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// What a write sets in motion should be readable in one file per context: `<context>-events.listeners.ts`
// is the only place that subscribes to PipelineEvents or ClientChanges.
const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'libs', 'server');
const TEST_ONLY = /(\.spec\.ts|\.int-spec\.ts|\.e2e-spec\.ts)$|\/src\/lib\/testing\//;

/** The subscribe methods (`onX(listener)`) of the two event sources. */
function subscribeMethods(): string[] {
  const sources = ['pipeline/src/lib/services/pipeline-events.service.ts', 'core/src/lib/database/client-changes.ts'];
  return sources.flatMap((source) =>
    [...readFileSync(join(SERVER, source), 'utf8').matchAll(/^ {2}(on[A-Z]\w*)\(/gm)].map((match) => match[1]),
  );
}

describe('event listeners', () => {
  it('finds the subscribe methods', () => {
    expect(subscribeMethods()).toEqual(
      expect.arrayContaining(['onStageChanged', 'onFollowUpLogged', 'onNoReachableContact', 'onChanges']),
    );
  });

  it('are registered only in each context’s <context>-events.listeners.ts', () => {
    const call = new RegExp(`\\.(${subscribeMethods().join('|')})\\(`);
    const misplaced: string[] = [];
    for (const lib of readdirSync(SERVER)) {
      const src = join(SERVER, lib, 'src');
      for (const path of readdirSync(src, { recursive: true }).map(String)) {
        const file = join(src, path);
        if (!file.endsWith('.ts') || TEST_ONLY.test(file) || !call.test(readFileSync(file, 'utf8'))) continue;
        if (path !== join('lib', `${lib}-events.listeners.ts`)) misplaced.push(relative(ROOT, file));
      }
    }
    expect(misplaced).toEqual([]);
  });
});
