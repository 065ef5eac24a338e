import { redisSettingsProblems } from './redis-settings';

describe('redisSettingsProblems', () => {
  it('accepts append-only persistence with noeviction', () => {
    expect(redisSettingsProblems({ 'maxmemory-policy': 'noeviction', appendonly: 'yes', save: '' })).toEqual([]);
  });

  it('names an evicting policy and a Redis that keeps nothing on disk', () => {
    expect(redisSettingsProblems({ 'maxmemory-policy': 'allkeys-lru', appendonly: 'no', save: '' })).toEqual([
      'maxmemory-policy is "allkeys-lru": Redis may evict queue keys under memory pressure; set it to "noeviction"',
      'neither append-only persistence nor snapshots are on: a restart loses every waiting job; set "appendonly yes"',
    ]);
  });

  it('warns about snapshots alone', () => {
    expect(redisSettingsProblems({ 'maxmemory-policy': 'noeviction', appendonly: 'no', save: '3600 1' })).toEqual([
      'append-only persistence is off: a restart loses the jobs added since the last snapshot; set "appendonly yes"',
    ]);
  });
});
