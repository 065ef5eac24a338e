import { earliestSendTime } from '@followthrough/shared-domain';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ADMIN, DEMO_PASSWORD } from './demo-seed/demo-people';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function waitForOutput(child: ChildProcess, text: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`No "${text}" within ${timeoutMs} ms:\n${output.slice(-3000)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited early (${code}):\n${output.slice(-3000)}`));
    });
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
}

// The `npm start` path exactly as a newcomer runs it: no environment, no services. Only the data
// folder and the port are redirected so the test does not touch a developer's own .data or :3000.
describe('npm start on a fresh machine', () => {
  const dataRoot = mkdtempSync(join(tmpdir(), 'followthrough-start-'));
  chmodSync(dataRoot, 0o755); // embedded PostgreSQL runs as the postgres user when we are root
  let child: ChildProcess;

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await exitCode(child);
    }
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('starts embedded PostgreSQL, migrates, seeds, answers /health and a demo login, mails due steps, and stops on Ctrl-C', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/start/main.ts'], {
      cwd: join(__dirname, '..', '..'),
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        DATA_DIR: join(dataRoot, 'data'),
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = await waitForOutput(child, 'Press Ctrl-C to stop', 150_000);
    expect(output).toContain(`http://localhost:${port}`);
    expect(output).toContain(DEMO_ADMIN.email);

    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', db: 'up', queue: 'up' });

    const login = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation($input: LoginInput!) { login(input: $input) { accessToken membership { role agency { name } } } }',
        variables: { input: { email: DEMO_ADMIN.email, password: DEMO_PASSWORD } },
      }),
    });
    const body = (await login.json()) as { data: { login: { accessToken: string; membership: { role: string } } } };
    expect(body.data.login.membership.role).toBe('AGENCY_ADMIN');
    expect(body.data.login.accessToken.split('.')).toHaveLength(3);

    // The demo's due follow-up steps reach the local mailbox (the SMTP sink) within a minute, when it
    // is business hours for the demo agency (New York); outside them they wait for the next morning.
    const mailIndex = join(dataRoot, 'data', 'mail', 'index.jsonl');
    const demoCalendar = { timezone: 'America/New_York', workingWeekdays: [1, 2, 3, 4, 5], holidays: [] };
    if (earliestSendTime(new Date(), demoCalendar).getTime() <= Date.now() + 30_000) {
      const stepMail = /^(Today|Overdue since [^:]+): |^Your follow-ups for /;
      const deadline = Date.now() + 60_000;
      const clientMails = () =>
        existsSync(mailIndex)
          ? readFileSync(mailIndex, 'utf8')
              .trim()
              .split('\n')
              .map((line) => JSON.parse(line) as { subject: string; envelopeTo: string[] })
              .filter((mail) => stepMail.test(mail.subject) && mail.envelopeTo[0].endsWith('@clients.example'))
          : [];
      while (clientMails().length === 0 && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 500));
      expect(clientMails().length).toBeGreaterThan(0);
    } else {
      console.warn('Outside business hours in New York: the demo’s step e-mails wait for the next business morning.');
    }

    // The dashboard is served at the root.
    const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    child.kill('SIGINT');
    expect(await exitCode(child)).toBe(0);
    // Embedded PostgreSQL stopped with us: its lock file is gone.
    expect(existsSync(join(dataRoot, 'data', 'pg', 'postmaster.pid'))).toBe(false);
  }, 200_000);
});
