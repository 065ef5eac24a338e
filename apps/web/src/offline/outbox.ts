/**
 * Touches logged on this device that the server has not confirmed yet. Each carries the idempotency
 * key it was made with, so sending it again after a lost answer stores it once.
 */
export interface QueuedTouch {
  idempotencyKey: string;
  /** The LogFollowUpInput to send, key included. */
  input: Record<string, unknown> & { applicationId: string; idempotencyKey: string };
  /** What to tell the person about it ("Phone call to Acme"). */
  description: string;
  queuedAt: string;
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'followthrough.outbox.';

/** One person's queue, kept in the browser's local storage so it survives closing the tab. */
export class Outbox {
  constructor(
    private readonly userId: string,
    private readonly store: KeyValueStore,
  ) {}

  private get key(): string {
    return `${PREFIX}${this.userId}`;
  }

  list(): QueuedTouch[] {
    try {
      const stored = JSON.parse(this.store.getItem(this.key) ?? '[]') as unknown;
      return Array.isArray(stored) ? (stored as QueuedTouch[]) : [];
    } catch {
      return [];
    }
  }

  add(touch: QueuedTouch): void {
    const touches = this.list().filter((queued) => queued.idempotencyKey !== touch.idempotencyKey);
    this.save([...touches, touch]);
  }

  remove(idempotencyKey: string): void {
    this.save(this.list().filter((queued) => queued.idempotencyKey !== idempotencyKey));
  }

  private save(touches: QueuedTouch[]): void {
    if (touches.length === 0) this.store.removeItem(this.key);
    else this.store.setItem(this.key, JSON.stringify(touches));
  }
}

/** What became of one send: stored (or already stored), still waiting for a connection, or refused by the server. */
export type SendResult = 'sent' | 'offline' | 'refused';

/**
 * Sends every queued touch in order. A touch leaves the queue once the server stored it or refused it
 * (a refusal would repeat forever); it stays while the server cannot be reached. Stops at the first
 * network failure: the rest would fail the same way.
 */
export async function flushOutbox(
  outbox: Outbox,
  send: (touch: QueuedTouch) => Promise<SendResult>,
): Promise<{ sent: QueuedTouch[]; refused: QueuedTouch[]; waiting: number }> {
  const sent: QueuedTouch[] = [];
  const refused: QueuedTouch[] = [];
  for (const touch of outbox.list()) {
    const result = await send(touch);
    if (result === 'offline') break;
    outbox.remove(touch.idempotencyKey);
    (result === 'sent' ? sent : refused).push(touch);
  }
  return { sent, refused, waiting: outbox.list().length };
}
