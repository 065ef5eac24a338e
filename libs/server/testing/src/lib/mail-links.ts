import { simpleParser } from 'mailparser';
import { ReceivedMail } from './test-smtp-server';

/** Where messages can be waited for: a TestSmtpServer, or a mail sink's folder (SinkFolderMailbox). */
export interface Mailbox {
  /** The newest message received that matches, waiting for one up to `limitMs`. */
  arrival(describe: string, matches: (mail: ReceivedMail) => boolean, limitMs?: number): Promise<ReceivedMail>;
}

/** The newest message to `email` whose subject matches, once it has arrived. */
export async function mailTo(smtp: Mailbox, email: string, subject: RegExp): Promise<ReceivedMail> {
  return smtp.arrival(
    `an e-mail to ${email} matching ${subject}`,
    (mail) => mail.to.includes(email.toLowerCase()) && subject.test(mail.subject ?? ''),
  );
}

/** The plain-text body of a message, decoded. */
export async function mailText(mail: ReceivedMail): Promise<string> {
  return (await simpleParser(mail.raw)).text ?? '';
}

/** The `token` of the first link to `path` in a message's text. */
export async function linkTokenIn(mail: ReceivedMail, path: string): Promise<string> {
  const text = await mailText(mail);
  const link = text.match(new RegExp(`https?://\\S+${path.replace(/[/]/g, '\\/')}\\?token=\\S+`))?.[0];
  if (!link) throw new Error(`No ${path} link in: ${text}`);
  return new URL(link).searchParams.get('token') as string;
}
