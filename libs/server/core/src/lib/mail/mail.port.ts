/**
 * The agency a message is sent on behalf of. The development mailbox shows a reader only the mail
 * of their current agency, since one address may belong to people of several agencies over time.
 */
export const AGENCY_MAIL_HEADER = 'X-Followthrough-Agency';

/** One message to one recipient. `messageId` is chosen by the caller so that resends can be recognised. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers: Record<string, string>;
  /** A full Message-ID with angle brackets, e.g. `<reminder-id@followthrough>`. */
  messageId: string;
}

export interface MailReceipt {
  /** What the SMTP server said it queued the message as, or the Message-ID when it did not say. */
  providerMessageId: string;
}

/**
 * Sends mail. Injected by this abstract class; the implementation speaks SMTP to SMTP_URL or to
 * the embedded sink. A rejected or undeliverable message rejects the promise.
 */
export abstract class MailPort {
  abstract send(mail: OutgoingMail): Promise<MailReceipt>;
}
