import { flushOutbox, Outbox, QueuedTouch, SendResult } from './outbox';

class MemoryStore {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const touch = (key: string): QueuedTouch => ({
  idempotencyKey: key,
  input: { applicationId: 'app-1', channel: 'PHONE', purpose: 'STATUS_CHECK', idempotencyKey: key },
  description: `touch ${key}`,
  queuedAt: '2026-03-01T10:00:00.000Z',
});

describe('Outbox', () => {
  it('keeps each person’s queue apart, and a touch once however often it is added', () => {
    const store = new MemoryStore();
    const mine = new Outbox('me', store);
    const theirs = new Outbox('them', store);
    mine.add(touch('a'));
    mine.add(touch('a'));
    mine.add(touch('b'));
    expect(mine.list().map((queued) => queued.idempotencyKey)).toEqual(['a', 'b']);
    expect(theirs.list()).toEqual([]);
  });

  it('reads a damaged store as empty', () => {
    const store = new MemoryStore();
    store.setItem('followthrough.outbox.me', '{not json');
    expect(new Outbox('me', store).list()).toEqual([]);
  });
});

describe('flushOutbox', () => {
  it('sends in order, drops what the server stored or refused, and stops at the first network failure', async () => {
    const outbox = new Outbox('me', new MemoryStore());
    ['a', 'b', 'c', 'd'].forEach((key) => outbox.add(touch(key)));
    const answers: Record<string, SendResult> = { a: 'sent', b: 'refused', c: 'offline', d: 'sent' };
    const tried: string[] = [];
    const result = await flushOutbox(outbox, async (queued) => {
      tried.push(queued.idempotencyKey);
      return answers[queued.idempotencyKey];
    });
    expect(tried).toEqual(['a', 'b', 'c']);
    expect(result.sent.map((queued) => queued.idempotencyKey)).toEqual(['a']);
    expect(result.refused.map((queued) => queued.idempotencyKey)).toEqual(['b']);
    expect(result.waiting).toBe(2);
    expect(outbox.list().map((queued) => queued.idempotencyKey)).toEqual(['c', 'd']);
  });
});
