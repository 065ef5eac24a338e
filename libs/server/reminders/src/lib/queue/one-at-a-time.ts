/**
 * Runs tasks strictly one after another. The sender hands messages to SMTP through it so that,
 * per process, at most one message is ever "accepted by the server but not yet recorded as
 * SENT": a crash duplicates at most one e-mail.
 */
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
