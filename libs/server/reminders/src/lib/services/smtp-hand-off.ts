import { Injectable } from '@nestjs/common';
import { OneAtATime } from '../queue/one-at-a-time';

/**
 * The one lane through which this process hands messages to SMTP and records them as SENT.
 * Shared by reminder and digest delivery: per process, at most one message is ever in doubt.
 */
@Injectable()
export class SmtpHandOff {
  private readonly lane = new OneAtATime();

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.lane.run(task);
  }
}
