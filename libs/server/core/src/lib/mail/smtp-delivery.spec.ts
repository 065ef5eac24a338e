import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '../config/app-config';
import { acquireMailSink } from './embedded-mail-sink';
import { MailSink } from './mail-sink';
import { MailboxStore } from './mailbox.store';
import { SmtpMailer } from './smtp-mailer';

describe('SMTP delivery to the embedded sink', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'followthrough-mail-'));
  });

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('sends over SMTP and stores the message as .eml plus an index line', async () => {
    const sink = new MailSink(join(dataDir, 'mail'));
    const url = await sink.start();
    expect(url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    const mailer = new SmtpMailer(url, 'Followthrough <reminders@followthrough.localhost>');
    try {
      const receipt = await mailer.send({
        to: 'client@example.test',
        subject: 'Call the hiring manager — today',
        text: 'Ask whether your résumé arrived.',
        headers: { 'List-Unsubscribe': '<http://localhost:3000/u?t=abc>' },
        messageId: '<reminder-1@followthrough>',
      });
      expect(receipt.providerMessageId).toMatch(/^[0-9a-f-]{36}$/);

      const index = (await readFile(join(dataDir, 'mail', 'index.jsonl'), 'utf8')).trim().split('\n');
      expect(index).toHaveLength(1);
      const entry = JSON.parse(index[0]);
      expect(entry).toMatchObject({
        id: receipt.providerMessageId,
        messageId: '<reminder-1@followthrough>',
        envelopeTo: ['client@example.test'],
      });
      expect(await readFile(join(dataDir, 'mail', entry.file), 'utf8')).toContain(
        'Message-ID: <reminder-1@followthrough>',
      );

      const store = new MailboxStore({
        ...loadAppConfig({ DATABASE_URL: 'postgres://localhost/unused', NODE_ENV: 'test' }),
        dataDir,
      });
      const [stored] = await store.latest(10);
      expect(stored).toMatchObject({
        messageId: '<reminder-1@followthrough>',
        to: ['client@example.test'],
        from: 'reminders@followthrough.localhost',
        subject: 'Call the hiring manager — today',
      });
      expect(stored.text.trim()).toBe('Ask whether your résumé arrived.');
      expect(stored.headers['list-unsubscribe']).toBe('<http://localhost:3000/u?t=abc>');
    } finally {
      mailer.close();
      await sink.stop();
    }
  });

  it('shares one sink per folder between users in a process and stops it with the last one', async () => {
    const first = await acquireMailSink(join(dataDir, 'shared'));
    const second = await acquireMailSink(join(dataDir, 'shared'));
    expect(second.url).toBe(first.url);
    await first.release();
    const mailer = new SmtpMailer(second.url, 'reminders@followthrough.localhost');
    await expect(
      mailer.send({
        to: 'a@example.test',
        subject: 'still up',
        text: 'x',
        headers: {},
        messageId: '<shared-1@followthrough>',
      }),
    ).resolves.toBeDefined();
    mailer.close();
    await second.release();
    const third = await acquireMailSink(join(dataDir, 'shared'));
    expect(third.url).not.toBe(first.url);
    await third.release();
  });

  it('reads an empty mailbox and rejects when no server answers', async () => {
    const store = new MailboxStore({
      ...loadAppConfig({ DATABASE_URL: 'postgres://localhost/unused', NODE_ENV: 'test' }),
      dataDir: join(dataDir, 'none'),
    });
    expect(await store.latest(5)).toEqual([]);
    const mailer = new SmtpMailer('smtp://127.0.0.1:1', 'reminders@followthrough.localhost');
    await expect(
      mailer.send({ to: 'a@example.test', subject: 's', text: 't', headers: {}, messageId: '<x@followthrough>' }),
    ).rejects.toThrow();
    mailer.close();
  });
});
