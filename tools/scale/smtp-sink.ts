import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { rawHeader, storeMail } from '@followthrough/server-core';

// The scale topology's mail catcher: accepts every message and appends one line per message
// (`<received at ms> <Message-ID>`) to the file in SCALE_MAIL_LOG, so that a bench can count deliveries and
// duplicates across worker crashes. Account e-mails (sign-up, invitation links) are also kept whole, in the
// embedded mail sink's folder format beside the log, so that a bench can follow their links.
// Listens on 127.0.0.1:SCALE_SMTP_PORT.

const port = Number(process.env['SCALE_SMTP_PORT']);
const log = process.env['SCALE_MAIL_LOG'] as string;
const accountFolder = join(dirname(log), 'accounts');
mkdirSync(accountFolder, { recursive: true });

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
      const raw = Buffer.concat(chunks);
      const messageId = rawHeader(raw, 'Message-ID') ?? '<none>';
      appendFileSync(log, `${Date.now()} ${messageId}\n`);
      if (!messageId.startsWith('<account-')) return callback();
      const envelopeTo = session.envelope.rcptTo.map((recipient) => recipient.address);
      storeMail(accountFolder, raw, { envelopeFrom: null, envelopeTo }).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    });
  },
});
// A client killed mid-conversation (the bench SIGKILLs workers) resets its connection: not a reason to stop.
server.on('error', (error) => console.warn(`SMTP connection error: ${error.message}`));
server.listen(port, '127.0.0.1', () => console.log(`SMTP sink on 127.0.0.1:${port}, writing ${log}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
