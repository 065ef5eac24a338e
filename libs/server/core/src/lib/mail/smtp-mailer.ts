import { Readable } from 'node:stream';
import { createTransport, Transporter } from 'nodemailer';
import { MailPort, MailReceipt, OutgoingMail } from './mail.port';
import { currentLaneTicket, LaneTicket, MailWithdrawnError } from './smtp-lanes';
import { parseSmtpUrl, queuedIdFrom } from './smtp-url';

export interface SmtpMailerOptions {
  /** Open SMTP connections kept in the pool (one per lane). */
  maxConnections?: number;
  /** Bound on connecting, on the greeting and on each wait for a reply. */
  timeoutMs?: number;
  /** Bound on one whole conversation. */
  deadlineMs?: number;
}

/**
 * The message as nodemailer's connection reads it, but holding back its end (and so the final
 * dot) until the hand-off owns the process's commit turn. The connection reads the message only
 * once the server has said 354, so the turn is taken at the last moment, not while waiting for
 * the envelope replies.
 */
function holdFinalDot(input: Readable, ticket: LaneTicket): Readable {
  return Readable.from(
    (async function* () {
      for await (const chunk of input) yield chunk as Buffer;
      await ticket.takeCommitTurn();
    })(),
    { objectMode: false },
  );
}

/** MailPort over a pool of SMTP connections (nodemailer), each conversation bounded in time. */
export class SmtpMailer extends MailPort {
  private readonly transport: Transporter;
  private readonly deadlineMs: number;
  /** The lane ticket of each message in flight, found by the abort signal given with it. */
  private readonly tickets = new WeakMap<AbortSignal, LaneTicket>();

  constructor(
    smtpUrl: string,
    private readonly from: string,
    options: SmtpMailerOptions = {},
  ) {
    super();
    const endpoint = parseSmtpUrl(smtpUrl);
    const timeoutMs = options.timeoutMs ?? 15_000;
    this.deadlineMs = options.deadlineMs ?? 60_000;
    this.transport = createTransport({
      pool: true,
      maxConnections: options.maxConnections ?? 3,
      maxMessages: 500,
      host: endpoint.host,
      port: endpoint.port,
      secure: endpoint.secure,
      auth: endpoint.auth,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    this.transport.use('stream', (mail, done) => {
      const ticket = mail.data.signal ? this.tickets.get(mail.data.signal) : undefined;
      if (ticket) mail.message.processFunc((input) => holdFinalDot(input, ticket));
      done();
    });
  }

  async send(mail: OutgoingMail): Promise<MailReceipt> {
    const ticket = currentLaneTicket();
    const deadline = AbortSignal.timeout(this.deadlineMs);
    const signal = ticket ? AbortSignal.any([ticket.signal, deadline]) : deadline;
    if (ticket) this.tickets.set(signal, ticket);
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        messageId: mail.messageId,
        signal,
      });
      return { providerMessageId: queuedIdFrom(info.response) ?? info.messageId ?? mail.messageId };
    } catch (error) {
      if (ticket?.withdrawn) throw new MailWithdrawnError((ticket.signal.reason as Error).message);
      if (deadline.aborted)
        throw new Error(`The SMTP conversation took longer than ${this.deadlineMs / 1000} s and was cut off`);
      if (ticket?.signal.aborted) throw ticket.signal.reason as Error;
      throw error;
    }
  }

  close(): void {
    this.transport.close();
  }
}
