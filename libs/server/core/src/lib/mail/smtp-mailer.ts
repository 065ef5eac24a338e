import { createTransport, Transporter } from 'nodemailer';
import { MailPort, MailReceipt, OutgoingMail } from './mail.port';
import { parseSmtpUrl, queuedIdFrom } from './smtp-url';

export interface SmtpMailerOptions {
  /** Open SMTP connections kept in the pool. */
  maxConnections?: number;
}

/** MailPort over a pool of SMTP connections (nodemailer). */
export class SmtpMailer extends MailPort {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    options: SmtpMailerOptions = {},
  ) {
    super();
    const endpoint = parseSmtpUrl(smtpUrl);
    this.transport = createTransport({
      pool: true,
      maxConnections: options.maxConnections ?? 3,
      maxMessages: 500,
      host: endpoint.host,
      port: endpoint.port,
      secure: endpoint.secure,
      auth: endpoint.auth,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(mail: OutgoingMail): Promise<MailReceipt> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      messageId: mail.messageId,
    });
    return { providerMessageId: queuedIdFrom(info.response) ?? info.messageId ?? mail.messageId };
  }

  close(): void {
    this.transport.close();
  }
}
