import { Injectable } from '@nestjs/common';
import { loadSmtpLaneSettings, SmtpLanes } from '@followthrough/server-core';

/**
 * The lanes through which this process hands messages to SMTP and records them as SENT. Shared by
 * reminder and digest delivery. Up to REMINDER_SMTP_LANES conversations run at once, but only one
 * message per process is ever in doubt (final dot sent, SENT not yet committed): the task given to
 * `run` must send and record in one go, since the commit turn is given back when it settles.
 */
@Injectable()
export class SmtpHandOff {
  private readonly settings = loadSmtpLaneSettings();
  private readonly lanes = new SmtpLanes(this.settings.lanes);

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.lanes.run(task);
  }

  /**
   * At shutdown: what has not reached its final dot is withdrawn (nothing was delivered; the job
   * goes back to the queue), and the message in doubt gets one SMTP timeout for its reply.
   */
  close(): void {
    this.lanes.close('The worker is shutting down', this.settings.timeoutMs);
  }
}
