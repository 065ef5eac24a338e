import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoredMailEntry } from '@followthrough/server-core';
import { Mailbox } from './mail-links';
import { ReceivedMail } from './test-smtp-server';

/**
 * The messages a mail sink keeps in a folder (index.jsonl plus one .eml each: the embedded sink of
 * `npm start`, the scale topology's sink), read as a mailbox. Only messages received after it was
 * made count, so an older run's links are never taken for this one's.
 */
export class SinkFolderMailbox implements Mailbox {
  private readonly since = new Date();

  constructor(private readonly folder: string) {}

  async arrival(describe: string, matches: (mail: ReceivedMail) => boolean, limitMs = 30_000): Promise<ReceivedMail> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      const index = await readFile(join(this.folder, 'index.jsonl'), 'utf8').catch(() => '');
      const entries = index
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as StoredMailEntry)
        .filter((entry) => new Date(entry.receivedAt) >= this.since);
      for (const entry of entries.reverse()) {
        const mail: ReceivedMail = {
          messageId: entry.messageId,
          to: entry.envelopeTo,
          subject: entry.subject,
          raw: await readFile(join(this.folder, entry.file), 'utf8'),
        };
        if (matches(mail)) return mail;
      }
      if (Date.now() > deadline) throw new Error(`Gave up waiting for ${describe} in ${this.folder}`);
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }
}
