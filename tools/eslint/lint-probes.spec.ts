import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

// Files that break the contracts between contexts, linted by the real eslint config in a child process
// (the config is an ES module that builds the Nx project graph). Each must fail, with a cached project
// graph and without one, and the controls must pass, so the rules cannot quietly go slack.
const root = join(__dirname, '..', '..');
const run = promisify(execFile);

interface Probe {
  lib: string;
  file: string;
  code: string;
  /** eslint rule ids that must report; an empty list means the file must lint clean. */
  rules: string[];
}

const PROBES: Probe[] = [
  {
    lib: 'identity',
    file: 'harness-in-production.ts',
    code: "import { startTestApi } from '@followthrough/server-testing';\nexport const probe = startTestApi;\n",
    rules: ['@nx/enforce-module-boundaries'],
  },
  {
    lib: 'vents',
    file: 'foreign-entity.ts',
    code: "import { FollowUp } from '@followthrough/server-pipeline';\nexport const probe = FollowUp;\n",
    rules: ['no-restricted-imports'],
  },
  {
    lib: 'insights',
    file: 'write-from-read-model.ts',
    code: [
      "import type { DataSource } from 'typeorm';",
      "import { Vent } from '@followthrough/server-vents';",
      'export async function probe(db: DataSource): Promise<void> {',
      '  await db.getRepository(Vent).delete({});',
      '}',
      '',
    ].join('\n'),
    rules: ['no-restricted-imports', 'no-restricted-syntax'],
  },
  {
    lib: 'insights',
    file: 'write-by-table-name.ts',
    code: [
      "import type { DataSource } from 'typeorm';",
      'export async function probe(db: DataSource): Promise<void> {',
      "  await db.getRepository('vents').delete({});",
      '}',
      '',
    ].join('\n'),
    rules: ['no-restricted-syntax'],
  },
  {
    lib: 'core',
    file: 'core-above-itself.ts',
    code: "import { IdentityDirectory } from '@followthrough/server-identity';\nexport const probe = IdentityDirectory;\n",
    rules: ['@nx/enforce-module-boundaries'],
  },
  {
    lib: 'pipeline',
    file: 'pipeline-into-reminders.ts',
    code: "import { ReminderService } from '@followthrough/server-reminders';\nexport const probe = ReminderService;\n",
    rules: ['@nx/enforce-module-boundaries'],
  },
  {
    lib: 'reminders',
    file: 'deep-import.ts',
    code: "import { IDENTITY_ENTITIES } from '@followthrough/server-identity/src/lib/entities';\nexport const probe = IDENTITY_ENTITIES;\n",
    rules: ['no-restricted-imports'],
  },
  // Controls: the same imports where the contracts allow them. (Each sits where no probe above closes
  // an import cycle through it, since the graph is built with the probes in it.)
  {
    lib: 'insights',
    file: 'harness-in-spec.spec.ts',
    code: "import { startTestApi } from '@followthrough/server-testing';\nexport const probe = startTestApi;\n",
    rules: [],
  },
  {
    lib: 'vents',
    file: 'pipeline-service.ts',
    code: "import { FollowUpService } from '@followthrough/server-pipeline';\nexport const probe = FollowUpService;\n",
    rules: [],
  },
  {
    lib: 'pipeline',
    file: 'own-entity.ts',
    code: "import { FollowUp } from '../entities';\nexport const probe = FollowUp;\n",
    rules: [],
  },
];

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

describe('lint probes', () => {
  const dirs: string[] = [];
  const paths = new Map<Probe, string>();

  beforeAll(() => {
    const unique = `lint-probe-${process.pid}-${Date.now()}`;
    for (const probe of PROBES) {
      const dir = join(root, 'libs', 'server', probe.lib, 'src', 'lib', unique);
      mkdirSync(dir, { recursive: true });
      if (!dirs.includes(dir)) dirs.push(dir);
      const path = join(dir, probe.file);
      writeFileSync(path, probe.code);
      paths.set(probe, path);
    }
  });

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function lint(env: NodeJS.ProcessEnv): Promise<Map<string, LintResult>> {
    const files = [...paths.values()].map((path) => relative(root, path));
    const eslint = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
    // eslint exits 1 when it reports errors, which is what most probes expect.
    const output = await run(process.execPath, [eslint, '--format', 'json', ...files], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', ...env },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout) throw new Error(`eslint did not run: ${error.stderr}`);
      return { stdout: error.stdout };
    });
    const results = JSON.parse(output.stdout) as LintResult[];
    return new Map(results.map((result) => [result.filePath, result]));
  }

  function expectProbes(results: Map<string, LintResult>): void {
    for (const probe of PROBES) {
      const result = results.get(paths.get(probe) ?? '');
      const reported = new Set(result?.messages.map((message) => message.ruleId));
      const label = `${probe.lib}/${probe.file}`;
      if (probe.rules.length === 0) {
        expect({ label, messages: result?.messages }).toEqual({ label, messages: [] });
      } else {
        for (const rule of probe.rules)
          expect({ label, reported: reported.has(rule) }).toEqual({ label, reported: true });
      }
    }
  }

  it('fails every probe and passes every control with the cached project graph', async () => {
    expectProbes(await lint({}));
  }, 180_000);

  it('fails every probe and passes every control without any project graph cache', async () => {
    // A workspace-data folder of its own: eslint starts with no cached graph, as on a fresh clone.
    const empty = mkdtempSync(join(tmpdir(), 'nx-workspace-data-'));
    try {
      expectProbes(await lint({ NX_WORKSPACE_DATA_DIRECTORY: empty }));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 180_000);
});
