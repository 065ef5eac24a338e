import { appendFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';

// The scale topology's mail catcher: accepts every message and appends one line per message
// (`<received at ms> <Message-ID>`) to the file in SCALE_MAIL_LOG, so that a bench can count deliveries and
// duplicates across worker crashes. Listens on 127.0.0.1:SCALE_SMTP_PORT.

const port = Number(process.env['SCALE_SMTP_PORT']);
const log = process.env['SCALE_MAIL_LOG'] as string;

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
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      appendFileSync(log, `${Date.now()} ${messageId(Buffer.concat(chunks).toString('utf8'))}\n`);
      callback();
    });
  },
});
// A client killed mid-conversation (the bench SIGKILLs workers) resets its connection: not a reason to stop.
server.on('error', (error) => console.warn(`SMTP connection error: ${error.message}`));
server.listen(port, '127.0.0.1', () => console.log(`SMTP sink on 127.0.0.1:${port}, writing ${log}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
