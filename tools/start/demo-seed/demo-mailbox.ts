import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoredMailEntry } from '@followthrough/server-core';
import { linkTokenIn, mailTo, ReceivedMail, TestSmtpServer } from '@followthrough/server-testing';

/**
 * Where the demo's people read their mail: sign-up and invitation links arrive only by e-mail, so the
 * seed follows them as a person would.
 */
export interface DemoMailbox {
  /** The `token` of the link to `path` in the newest message to `email` whose subject matches, sent since `since`. */
  linkToken(email: string, subject: RegExp, path: string, since: Date): Promise<string>;
}

/** The mailbox of `npm start`: the embedded sink's folder (DATA_DIR/mail). */
export function sinkMailbox(folder: string, limitMs = 30_000): DemoMailbox {
  return {
    async linkToken(email, subject, path, since) {
      const deadline = Date.now() + limitMs;
      for (;;) {
        const index = await readFile(join(folder, 'index.jsonl'), 'utf8').catch(() => '');
        const entry = index
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as StoredMailEntry)
          .findLast(
            (stored) =>
              stored.envelopeTo.includes(email) &&
              subject.test(stored.subject ?? '') &&
              new Date(stored.receivedAt) >= since,
          );
        if (entry) {
          const raw = await readFile(join(folder, entry.file), 'utf8');
          const mail: ReceivedMail = { messageId: entry.messageId, to: entry.envelopeTo, subject: entry.subject, raw };
          return linkTokenIn(mail, path);
        }
        if (Date.now() > deadline) throw new Error(`No e-mail to ${email} matching ${subject} in ${folder}`);
        await new Promise((wait) => setTimeout(wait, 100));
      }
    },
  };
}

/** The mailbox of a test API. */
export function testMailbox(smtp: TestSmtpServer): DemoMailbox {
  return { linkToken: async (email, subject, path) => linkTokenIn(await mailTo(smtp, email, subject), path) };
}
