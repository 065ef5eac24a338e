import { OneAtATime } from './one-at-a-time';

describe('OneAtATime', () => {
  it('never overlaps tasks and keeps going after a failure', async () => {
    const lane = new OneAtATime();
    let running = 0;
    let overlapped = false;
    const order: number[] = [];
    const task = (n: number, fail = false) => async () => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((done) => setImmediate(done));
      order.push(n);
      running -= 1;
      if (fail) throw new Error(`task ${n} failed`);
      return n;
    };
    const results = await Promise.allSettled([lane.run(task(1)), lane.run(task(2, true)), lane.run(task(3))]);
    expect(overlapped).toBe(false);
    expect(order).toEqual([1, 2, 3]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
