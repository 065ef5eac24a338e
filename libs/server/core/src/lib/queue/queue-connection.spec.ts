import { queuePrefixFor } from './queue-connection';

describe('queuePrefixFor', () => {
  it('makes each queue its own hash tag on a Redis Cluster, and leaves other backends alone', () => {
    expect(queuePrefixFor({ cluster: true }, 'bull', 'reminders')).toBe('{bull:reminders}');
    expect(queuePrefixFor({ cluster: true }, '{ft}', 'reminders')).toBe('{ft}');
    expect(queuePrefixFor({ cluster: false }, 'bull', 'reminders')).toBe('bull');
  });
});
