import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { acquireMailSink, AcquiredMailSink } from './embedded-mail-sink';
import { MailPort, MailReceipt, OutgoingMail } from './mail.port';
import { loadSmtpLaneSettings } from './smtp-lanes';
import { SmtpMailer } from './smtp-mailer';

/**
 * The process's MailPort: SMTP to SMTP_URL, or, when it is unset, SMTP to the embedded sink on
 * loopback that keeps every message under DATA_DIR/mail. Either way a real SMTP conversation.
 */
@Injectable()
export class ConfiguredMailPort extends MailPort implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private mailer: SmtpMailer | null = null;
  private sink: AcquiredMailSink | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async onModuleInit(): Promise<void> {
    let url = this.config.smtpUrl;
    if (!url) {
      const folder = join(this.config.dataDir, 'mail');
      this.sink = await acquireMailSink(folder);
      url = this.sink.url;
      this.logger.log(`SMTP_URL is not set: mail goes to the local sink at ${url}, stored in ${folder}`);
    }
    const lanes = loadSmtpLaneSettings();
    this.mailer = new SmtpMailer(url, this.config.mailFrom, {
      maxConnections: lanes.lanes,
      timeoutMs: lanes.timeoutMs,
      deadlineMs: lanes.deadlineMs,
    });
  }

  // At application shutdown, after the workers (closed in onModuleDestroy) have finished their jobs.
  async onApplicationShutdown(): Promise<void> {
    this.mailer?.close();
    this.mailer = null;
    await this.sink?.release();
    this.sink = null;
  }

  send(mail: OutgoingMail): Promise<MailReceipt> {
    if (!this.mailer) return Promise.reject(new Error('Mail is not ready (the module has not started)'));
    return this.mailer.send(mail);
  }
}
