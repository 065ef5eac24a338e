import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { createQueueConnection } from './queue-connection';
import { QueueFactory } from './queue-factory';

const run = promisify(execFile);

/** A free port whose cluster bus port (+10000) is free too and below 65536. */
async function clusterPort(): Promise<number> {
  const taken = (port: number) =>
    new Promise<boolean>((done) => {
      const server = createServer();
      server.once('error', () => done(true));
      server.listen(port, '127.0.0.1', () => server.close(() => done(false)));
    });
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (!(await taken(port)) && !(await taken(port + 10_000))) return port;
  }
}

// BullMQ on a real Redis Cluster (3 masters from the machine's redis-server): every script of a queue touches
// several keys, which must share one hash slot.
if (!existsSync('/usr/bin/redis-server')) {
  if (process.env['CI'] === 'true') throw new Error('CI=true but /usr/bin/redis-server is missing.');
  console.warn('Skipping the Redis Cluster queue test: /usr/bin/redis-server is missing.');
  describe.skip('queues on a Redis Cluster', () => undefined);
} else {
  describe('queues on a Redis Cluster', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ft-redis-cluster-'));
    const ports: number[] = [];
    let factory: QueueFactory;
    const closing: { close(): Promise<unknown> }[] = [];

    beforeAll(async () => {
      for (let node = 0; node < 3; node += 1) {
        const port = await clusterPort();
        ports.push(port);
        execFileSync('redis-server', [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          dir,
          '--daemonize',
          'yes',
          '--pidfile',
          join(dir, `${port}.pid`),
          '--logfile',
          join(dir, `${port}.log`),
        ]);
      }
      for (const port of ports) {
        for (
          let attempt = 0;
          attempt < 50 &&
          !(await run('redis-cli', ['-p', String(port), 'ping']).then(
            () => true,
            () => false,
          ));
          attempt += 1
        ) {
          await new Promise((wait) => setTimeout(wait, 100));
        }
      }
      await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-yes']);
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const { stdout } = await run('redis-cli', ['-p', String(ports[0]), 'cluster', 'info']);
        if (stdout.includes('cluster_state:ok')) break;
        await new Promise((wait) => setTimeout(wait, 100));
      }
      const config = {
        redisClusterNodes: ports.map((port) => ({ host: '127.0.0.1', port })),
        redisUrl: null,
        databaseUrl: 'postgres://unused/none',
      } as AppConfig;
      factory = new QueueFactory(config);
    }, 60_000);

    afterAll(async () => {
      for (const part of closing.reverse()) await part.close().catch(() => undefined);
      await factory?.onApplicationShutdown();
      for (const port of ports)
        await run('redis-cli', ['-p', String(port), 'shutdown', 'nosave']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs jobs and a job scheduler with each queue under its own hash tag', async () => {
      const queue = factory.queue('cluster-probe');
      closing.push(queue);
      expect(queue.opts.prefix).toBe('{bull:cluster-probe}');
      const done: unknown[] = [];
      const worker = factory.worker('cluster-probe', async (job) => done.push(job.data), { concurrency: 2 });
      closing.push(worker);
      await queue.add('probe', { n: 1 });
      await queue.upsertJobScheduler('probe-every', { every: 200 }, { name: 'probe', data: { n: 'scheduled' } });
      for (
        let waited = 0;
        waited < 15_000 && done.filter((data) => (data as { n: unknown }).n === 'scheduled').length < 2;
        waited += 100
      ) {
        await new Promise((wait) => setTimeout(wait, 100));
      }
      expect(done).toContainEqual({ n: 1 });
      expect(done.filter((data) => (data as { n: unknown }).n === 'scheduled').length).toBeGreaterThanOrEqual(2);
      expect((await queue.getJobSchedulers()).map((scheduler) => scheduler.key)).toEqual(['probe-every']);
    }, 30_000);

    it('is refused by the cluster without the hash tag (keys of one job in several slots)', async () => {
      const { connection } = createQueueConnection({
        redisClusterNodes: ports.map((port) => ({ host: '127.0.0.1', port })),
        redisUrl: null,
        databaseUrl: 'postgres://unused/none',
      });
      const untagged = new Queue('cluster-probe-untagged', { connection, prefix: 'bull' });
      closing.push(untagged, { close: () => (connection as unknown as { quit(): Promise<unknown> }).quit() });
      await expect(untagged.add('probe', { n: 2 })).rejects.toThrow(/CROSSSLOT|slot/i);
    }, 30_000);
  });
}
