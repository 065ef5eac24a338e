import { AsyncLocalStorage } from 'node:async_hooks';
import { Env, parseWholeNumber } from '../config/config-parsers';

/**
 * SMTP lanes: several messages of one process may be in their SMTP conversation at once (one
 * pooled connection per lane), so a slow or hung conversation does not hold up the others. What
 * stays one at a time is the short stretch that makes a message "in doubt": from the terminating
 * dot (the server may now have accepted it) until the caller has recorded it as sent. A lane
 * holds back its final dot until it owns the process's commit turn and gives the turn up only
 * when the whole hand-off task has settled (committed or failed). So a crash of the process
 * duplicates at most one message, whatever the number of lanes.
 */
export interface SmtpLaneSettings {
  /** Messages in their SMTP conversation at once per process (= pooled connections). */
  lanes: number;
  /** Bound on connecting, on the greeting, and on each wait for a reply (inactivity). */
  timeoutMs: number;
  /** Bound on one whole conversation, from the hand-off to the server's last reply. */
  deadlineMs: number;
}

/** The timeout stays below the 30 s shutdown grace, so the one message in doubt at SIGTERM can finish. */
export function loadSmtpLaneSettings(env: Env = process.env): SmtpLaneSettings {
  return {
    lanes: parseWholeNumber(env, 'REMINDER_SMTP_LANES', 4, 1, 32),
    timeoutMs: parseWholeNumber(env, 'REMINDER_SMTP_TIMEOUT_MS', 15_000, 500, 20_000),
    deadlineMs: parseWholeNumber(env, 'REMINDER_SMTP_DEADLINE_MS', 60_000, 1_000, 600_000),
  };
}

/** The message was taken back before its final dot: nothing was delivered, it may go out later as if never tried. */
export class MailWithdrawnError extends Error {
  override readonly name = 'MailWithdrawnError';
}

export function isMailWithdrawn(error: unknown): error is MailWithdrawnError {
  return error instanceof MailWithdrawnError || (error as { name?: unknown } | null)?.name === 'MailWithdrawnError';
}

type LaneState = 'waiting' | 'conversing' | 'committing' | 'done';

/** One hand-off's passage through the lanes; the mailer finds it through async context. */
export class LaneTicket {
  private readonly controller = new AbortController();
  state: LaneState = 'waiting';

  constructor(private readonly turns: CommitTurns) {}

  /** Aborted when the lanes close before this message reached its final dot. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get withdrawn(): boolean {
    return this.controller.signal.aborted && this.state !== 'committing';
  }

  withdraw(reason: string): void {
    if (this.state === 'committing' || this.state === 'done') return;
    this.controller.abort(new MailWithdrawnError(reason));
  }

  /** Gives up even a message past its dot (shutdown could not wait any longer for its reply). */
  abandon(reason: string): void {
    if (this.state !== 'done') this.controller.abort(new Error(reason));
  }

  /** Waits for the process's commit turn; the mailer calls it just before the final dot. */
  async takeCommitTurn(): Promise<void> {
    if (this.state === 'done') throw new Error('The hand-off of this message has already ended');
    await this.turns.take(this);
  }

  /** Ends the hand-off: gives back the commit turn, or stops waiting for it. */
  finish(): void {
    this.state = 'done';
    this.turns.leave(this);
  }
}

/** A first-come first-served turn, held by at most one ticket at a time. */
class CommitTurns {
  private holder: LaneTicket | null = null;
  private readonly queue: { ticket: LaneTicket; granted: () => void; refused: (error: Error) => void }[] = [];

  take(ticket: LaneTicket): Promise<void> {
    if (ticket.signal.aborted) return Promise.reject(ticket.signal.reason as Error);
    if (!this.holder) {
      this.grant(ticket);
      return Promise.resolve();
    }
    return new Promise<void>((granted, refused) => {
      this.queue.push({ ticket, granted, refused });
      // Only a ticket still queued leaves on abort; the holder keeps the turn until its task settles.
      ticket.signal.addEventListener(
        'abort',
        () => {
          if (this.holder !== ticket) this.leave(ticket);
        },
        { once: true },
      );
    });
  }

  /** Marked at once, so that a shutdown in the same tick no longer treats it as withdrawable. */
  private grant(ticket: LaneTicket): void {
    this.holder = ticket;
    ticket.state = 'committing';
  }

  leave(ticket: LaneTicket): void {
    if (this.holder === ticket) {
      this.holder = null;
      const next = this.queue.shift();
      if (next) {
        this.grant(next.ticket);
        next.granted();
      }
      return;
    }
    const index = this.queue.findIndex((entry) => entry.ticket === ticket);
    if (index >= 0) {
      const [entry] = this.queue.splice(index, 1);
      entry.refused(
        (ticket.signal.reason as Error | undefined) ?? new Error('The hand-off ended before its commit turn'),
      );
    }
  }
}

const currentTicket = new AsyncLocalStorage<LaneTicket>();

/** The hand-off this code runs in, if any (the mailer gates its final dot on it). */
export function currentLaneTicket(): LaneTicket | undefined {
  return currentTicket.getStore();
}

/**
 * Runs hand-off tasks (send a message, then record it) with at most `lanes` at once and one commit
 * turn per process. `close()` withdraws every task that has not reached its final dot.
 */
export class SmtpLanes {
  private free: number;
  private readonly waiting: { ticket: LaneTicket; start: () => void }[] = [];
  private readonly tickets = new Set<LaneTicket>();
  private readonly turns = new CommitTurns();
  private closedFor: string | null = null;

  constructor(readonly lanes: number) {
    this.free = lanes;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.closedFor) throw new MailWithdrawnError(this.closedFor);
    const ticket = new LaneTicket(this.turns);
    this.tickets.add(ticket);
    let holdsLane = false;
    try {
      await this.enterLane(ticket);
      holdsLane = true;
      ticket.state = 'conversing';
      return await currentTicket.run(ticket, task);
    } finally {
      ticket.finish();
      this.tickets.delete(ticket);
      if (holdsLane) this.leaveLane();
    }
  }

  /**
   * Withdraws what has not reached its final dot; the message in doubt (if any) may finish, and is
   * abandoned after `inDoubtMs` if its server still has not answered.
   */
  close(reason = 'The process is shutting down', inDoubtMs?: number): void {
    if (this.closedFor) return;
    this.closedFor = reason;
    for (const ticket of this.tickets) ticket.withdraw(reason);
    if (inDoubtMs !== undefined) {
      const timer = setTimeout(() => {
        for (const ticket of this.tickets)
          ticket.abandon(`${reason}: no reply to the message in doubt within ${inDoubtMs} ms`);
      }, inDoubtMs);
      timer.unref();
    }
  }

  /** Hand-offs inside the lanes or waiting for one, for logs and tests. */
  get busy(): number {
    return this.tickets.size;
  }

  private enterLane(ticket: LaneTicket): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((start, refuse) => {
      const entry = { ticket, start };
      this.waiting.push(entry);
      ticket.signal.addEventListener(
        'abort',
        () => {
          const index = this.waiting.indexOf(entry);
          if (index >= 0) {
            this.waiting.splice(index, 1);
            refuse(ticket.signal.reason);
          }
        },
        { once: true },
      );
    });
  }

  private leaveLane(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.free += 1;
  }
}
