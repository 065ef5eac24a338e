import { Readable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { rawHeader } from '@followthrough/server-core';

export interface ReceivedMail {
  messageId: string | null;
  to: string[];
  subject: string | null;
  raw: string;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A real SMTP server on loopback that records what it is sent, and can refuse or stall on demand. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** When set, every message is refused with this SMTP reply. */
  rejectWith: { code: number; message: string } | null = null;
  /** Runs after a message is stored, before the server answers 250. */
  onMessage: ((mail: ReceivedMail, count: number) => void | Promise<void>) | null = null;
  rejected = 0;
  private server: SMTPServer | null = null;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        readAll(stream)
          .then(async (raw) => {
            if (this.rejectWith) {
              this.rejected += 1;
              const error = Object.assign(new Error(this.rejectWith.message), { responseCode: this.rejectWith.code });
              return callback(error);
            }
            const mail: ReceivedMail = {
              messageId: rawHeader(raw, 'Message-ID'),
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              subject: rawHeader(raw, 'Subject'),
              raw,
            };
            this.received.push(mail);
            await this.onMessage?.(mail, this.received.length);
            callback(null, `OK: queued as test-${this.received.length}`);
          })
          .catch((error: Error) => callback(error));
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
    this.port = (server.server.address() as { port: number }).port;
    this.server = server;
    return this;
  }

  /** How many times each Message-ID arrived more than once, summed. */
  duplicates(): number {
    const seen = new Map<string, number>();
    for (const mail of this.received) seen.set(mail.messageId ?? '', (seen.get(mail.messageId ?? '') ?? 0) + 1);
    return [...seen.values()].reduce((sum, count) => sum + count - 1, 0);
  }

  uniqueMessageIds(): Set<string> {
    return new Set(this.received.map((mail) => mail.messageId ?? ''));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((closed) => server.close(() => closed()));
  }
}

/** Polls until `check` holds; throws after `limitMs` with the last state, so a broken path fails instead of hanging. */
export async function eventually<T>(describe: string, probe: () => Promise<T> | T, check: (value: T) => boolean, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  let value = await probe();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${describe}; last seen: ${JSON.stringify(value)}`);
    await new Promise((wait) => setTimeout(wait, 100));
    value = await probe();
  }
  return value;
}
