import { simpleParser } from 'mailparser';
import { ReceivedMail, TestSmtpServer } from './test-smtp-server';

/** The newest message to `email` whose subject matches, once it has arrived. */
export async function mailTo(smtp: TestSmtpServer, email: string, subject: RegExp): Promise<ReceivedMail> {
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
