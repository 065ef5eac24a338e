import { spawn } from 'node:child_process';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an entry point as `npm run start:api` / `start:worker` do, with exactly this environment. */
function run(entry: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const DATABASE_URL = 'postgres://postgres@127.0.0.1:1/never-reached';

describe('start-up configuration errors', () => {
  it.each([
    ['apps/api/src/main.ts', {}, 'JWT_SECRET is required in production'],
    ['apps/worker/src/main.ts', {}, 'JWT_SECRET is required in production'],
    [
      'apps/api/src/main.ts',
      { JWT_SECRET: 'followthrough-development-secret-not-for-production-use' },
      'JWT_SECRET is the public development secret',
    ],
    [
      'apps/api/src/main.ts',
      { JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more' },
      'JWT_SECRET is a placeholder',
    ],
    [
      'apps/worker/src/main.ts',
      { JWT_SECRET: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934c', LINK_SIGNING_KEYS: '' },
      'LINK_SIGNING_KEYS is required in production',
    ],
  ])(
    '%s with %j prints one line naming the variable, and nothing else',
    async (entry, extra, message) => {
      const result = await run(entry, {
        NODE_ENV: 'production',
        DATABASE_URL,
        LINK_SIGNING_KEYS: 'k1:an-independent-link-signing-key-of-32-chars',
        ...extra,
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
      expect(result.stderr).toMatch(new RegExp(`^Configuration error: ${message.split(' ')[0]} `));
    },
    60_000,
  );
});
