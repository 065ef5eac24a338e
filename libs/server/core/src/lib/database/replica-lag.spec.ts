import { lagFrom, readTarget } from './replica-lag';

describe('replica lag', () => {
  it('is none when the replica has replayed up to the primary, else the age of its last replayed transaction', () => {
    expect(lagFrom(false, 120)).toBe(0);
    expect(lagFrom(true, 7.5)).toBe(7.5);
    expect(lagFrom(true, null)).toBeNull();
  });

  it('sends reads to the replica only while its lag is known and within the setting', () => {
    expect(readTarget(0, 5)).toBe('replica');
    expect(readTarget(5, 5)).toBe('replica');
    expect(readTarget(5.1, 5)).toBe('primary');
    expect(readTarget(null, 5)).toBe('primary');
  });
});
