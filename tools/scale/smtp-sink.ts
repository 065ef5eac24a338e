import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { SMTPServer } from 'smtp-server';

// The scale topology's mail catcher: accepts every message and appends one line per message
// (`<received at ms> <Message-ID>`) to the file in SCALE_MAIL_LOG, so that a bench can count deliveries and
// duplicates across worker crashes. Account e-mails (sign-up, invitation links) are also kept whole, in the
// embedded mail sink's folder format (index.jsonl + .eml) beside the log, so that a bench can follow their links.
// Listens on 127.0.0.1:SCALE_SMTP_PORT.

const port = Number(process.env['SCALE_SMTP_PORT']);
const log = process.env['SCALE_MAIL_LOG'] as string;
const accountFolder = join(dirname(log), 'accounts');
mkdirSync(accountFolder, { recursive: true });

function header(raw: string, name: string): string | null {
  const headers = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? null;
}

function keepAccountMail(raw: string, to: string[]): void {
  const id = randomUUID();
  const file = `${id}.eml`;
  writeFileSync(join(accountFolder, file), raw);
  const entry = {
    id,
    receivedAt: new Date().toISOString(),
    envelopeFrom: null,
    envelopeTo: to,
    messageId: messageId(raw),
    subject: header(raw, 'Subject'),
    file,
  };
  appendFileSync(join(accountFolder, 'index.jsonl'), `${JSON.stringify(entry)}\n`);
}

function messageId(raw: string): string {
  const headers = raw.split(/\r?\n\r?\n/, 1)[0];
  return /^message-id:\s*(\S+)/im.exec(headers)?.[1] ?? '<none>';
}

const server = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 1_000_000,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      appendFileSync(log, `${Date.now()} ${messageId(raw)}\n`);
      if (messageId(raw).startsWith('<account-'))
        keepAccountMail(
          raw,
          session.envelope.rcptTo.map((recipient) => recipient.address),
        );
      callback();
    });
  },
});
// A client killed mid-conversation (the bench SIGKILLs workers) resets its connection: not a reason to stop.
server.on('error', (error) => console.warn(`SMTP connection error: ${error.message}`));
server.listen(port, '127.0.0.1', () => console.log(`SMTP sink on 127.0.0.1:${port}, writing ${log}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
