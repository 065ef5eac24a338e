import { demoSeedWanted } from './seed-demo';

describe('demoSeedWanted', () => {
  it('seeds the demo agency on a development machine only', () => {
    expect(demoSeedWanted('development', false)).toBe(true);
    expect(demoSeedWanted('production', true)).toBe(false);
    expect(demoSeedWanted('test', false)).toBe(false);
    expect(demoSeedWanted(undefined, false)).toBe(false);
  });
});
