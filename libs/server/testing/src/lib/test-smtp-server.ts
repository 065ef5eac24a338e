import { connect, createServer, Server, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { rawHeader } from '@followthrough/server-core';
import type { Mailbox } from './mail-links';

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

/**
 * A real SMTP server on loopback that records what it is sent, and can refuse, slow down or hang on
 * demand. Clients reach it through a small TCP relay in the same process, which is where replies
 * are delayed and conversations hung: the SMTP server itself stays an ordinary one.
 */
export class TestSmtpServer implements Mailbox {
  /** Every running server of this process by URL, so that a test API's mail can be found from its SMTP_URL. */
  static readonly running = new Map<string, TestSmtpServer>();
  readonly received: ReceivedMail[] = [];
  private readonly arrivals = new Set<() => void>();
  /** When set, every message is refused with this SMTP reply. */
  rejectWith: { code: number; message: string } | null = null;
  /** Runs after a message is stored, before the server answers 250. */
  onMessage: ((mail: ReceivedMail, count: number) => void | Promise<void>) | null = null;
  /** Every reply (the greeting included) reaches the client this much later, in order. */
  replyDelayMs = 0;
  /**
   * The next this-many conversations that send DATA hang there: the command never reaches the
   * server and the client hears nothing more on that connection (so nothing is delivered).
   */
  hangOnData = 0;
  rejected = 0;
  /** Messages fully received whose reply the server has not given yet, now and at most so far. */
  awaitingReply = 0;
  mostAwaitingReply = 0;
  /** Conversations that hung on DATA so far. */
  hung = 0;
  private server: SMTPServer | null = null;
  private relay: Server | null = null;
  private readonly sockets = new Set<Socket>();
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
            for (const wake of this.arrivals) wake();
            const count = this.received.length;
            this.awaitingReply += 1;
            this.mostAwaitingReply = Math.max(this.mostAwaitingReply, this.awaitingReply);
            try {
              await this.onMessage?.(mail, count);
            } finally {
              this.awaitingReply -= 1;
            }
            callback(null, `OK: queued as test-${count}`);
          })
          .catch((error: Error) => callback(error));
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
    this.server = server;
    const serverPort = (server.server.address() as { port: number }).port;
    const relay = createServer((client) => this.relayConversation(client, serverPort));
    relay.on('error', () => undefined);
    await new Promise<void>((listening) => relay.listen(0, '127.0.0.1', () => listening()));
    this.relay = relay;
    this.port = (relay.address() as { port: number }).port;
    TestSmtpServer.running.set(this.url, this);
    return this;
  }

  /** The newest message received that matches, waiting for one up to `limitMs`. */
  async arrival(describe: string, matches: (mail: ReceivedMail) => boolean, limitMs = 30_000): Promise<ReceivedMail> {
    const found = () => this.received.findLast(matches);
    return (
      found() ??
      new Promise<ReceivedMail>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          this.arrivals.delete(wake);
        };
        const wake = () => {
          const mail = found();
          if (mail) {
            done();
            resolve(mail);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`Gave up waiting for ${describe}; ${this.received.length} other messages arrived`));
        }, limitMs);
        this.arrivals.add(wake);
      })
    );
  }

  /** Lets the process exit while this server still listens (a mailbox shared by a whole test file). */
  unref(): this {
    this.server?.server.unref();
    this.relay?.unref();
    return this;
  }

  /** Copies one client connection to the SMTP server and back, delaying replies and hanging on DATA when asked. */
  private relayConversation(client: Socket, serverPort: number): void {
    const upstream = connect(serverPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    let hung = false;
    let inBody = false;
    let partial = '';
    let lastReplyAt = 0;
    const later = (action: () => void) => {
      // Same delay for every reply, never earlier than the one before: the order is kept.
      lastReplyAt = Math.max(Date.now() + this.replyDelayMs, lastReplyAt);
      const wait = lastReplyAt - Date.now();
      if (wait <= 0) action();
      else setTimeout(action, wait);
    };
    upstream.on('data', (chunk: Buffer) => {
      if (!hung) later(() => client.destroyed || client.write(chunk));
    });
    upstream.on('end', () => later(() => client.end()));
    client.on('data', (chunk: Buffer) => {
      if (hung) return;
      // Find the DATA command among the client's lines (not inside a message body).
      const text = partial + chunk.toString('latin1');
      const lines = text.split('\r\n');
      partial = lines.pop() ?? '';
      let offset = 0;
      for (const line of lines) {
        if (inBody) {
          if (line === '.') inBody = false;
        } else if (/^DATA$/i.test(line)) {
          if (this.hangOnData > 0) {
            this.hangOnData -= 1;
            this.hung += 1;
            hung = true;
            const before = Math.max(0, offset - (text.length - chunk.length));
            if (before > 0) upstream.write(chunk.subarray(0, before));
            return;
          }
          inBody = true;
        }
        offset += line.length + 2;
      }
      upstream.write(chunk);
    });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', closeBoth);
    upstream.on('close', () => later(closeBoth));
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
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
    const { server, relay } = this;
    TestSmtpServer.running.delete(this.url);
    this.server = null;
    this.relay = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (relay) await new Promise<void>((closed) => relay.close(() => closed()));
    if (server) await new Promise<void>((closed) => server.close(() => closed()));
  }
}

/** Polls until `check` holds; throws after `limitMs` with the last state, so a broken path fails instead of hanging. */
export async function eventually<T>(
  describe: string,
  probe: () => Promise<T> | T,
  check: (value: T) => boolean,
  limitMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  let value = await probe();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${describe}; last seen: ${JSON.stringify(value)}`);
    await new Promise((wait) => setTimeout(wait, 100));
    value = await probe();
  }
  return value;
}
