import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { SMTPServer } from 'smtp-server';

/** One line of the sink's index.jsonl. */
export interface StoredMailEntry {
  id: string;
  receivedAt: string;
  envelopeFrom: string | null;
  envelopeTo: string[];
  messageId: string | null;
  subject: string | null;
  /** The .eml file, relative to the mail folder. */
  file: string;
}

const HEADER_LIMIT = 64 * 1024;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The unfolded value of the first header with this name, from a raw message's header block. */
export function rawHeader(raw: Buffer | string, name: string): string | null {
  const text = (typeof raw === 'string' ? raw : raw.subarray(0, HEADER_LIMIT).toString('utf8')).split(
    /\r?\n\r?\n/,
    1,
  )[0];
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
  const pattern = new RegExp(`^${name.replace(/[-]/g, '\\-')}:[ \\t]*(.*)$`, 'im');
  const match = pattern.exec(unfolded);
  return match ? match[1].trim() : null;
}

/**
 * Keeps one message in a sink's folder: the .eml file plus a line in index.jsonl (the folder format
 * the local mailbox and SinkFolderMailbox read).
 */
export async function storeMail(
  folder: string,
  raw: Buffer,
  envelope: { envelopeFrom: string | null; envelopeTo: string[] },
): Promise<StoredMailEntry> {
  const receivedAt = new Date();
  const id = randomUUID();
  const file = `${receivedAt.toISOString().replace(/[:.]/g, '-')}-${id}.eml`;
  await writeFile(join(folder, file), raw);
  const entry: StoredMailEntry = {
    id,
    receivedAt: receivedAt.toISOString(),
    ...envelope,
    messageId: rawHeader(raw, 'Message-ID'),
    subject: rawHeader(raw, 'Subject'),
    file,
  };
  await appendFile(join(folder, 'index.jsonl'), `${JSON.stringify(entry)}\n`);
  return entry;
}

/**
 * The embedded mail server used when SMTP_URL is unset: real SMTP on loopback, each message kept
 * as an .eml file plus a line in index.jsonl under `folder` (normally .data/mail). Nothing is relayed.
 */
export class MailSink {
  private server: SMTPServer | null = null;
  private port = 0;

  constructor(private readonly folder: string) {}

  get url(): string {
    if (!this.server) throw new Error('The mail sink is not running');
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    if (this.server) return this.url;
    await mkdir(this.folder, { recursive: true });
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      banner: 'Followthrough development mail sink',
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => {
        readAll(stream)
          .then((raw) =>
            storeMail(this.folder, raw, {
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
            }),
          )
          .then((entry) => callback(null, `OK: queued as ${entry.id}`))
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(0, '127.0.0.1', () => resolveListen());
    });
    server.on('error', () => undefined);
    this.port = (server.server.address() as { port: number }).port;
    this.server = server;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((closed) => server.close(() => closed()));
  }
}
