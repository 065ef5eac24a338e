import { periodFor } from './insights-period';

describe('periodFor', () => {
  it('starts at local midnight the given number of weeks ago', () => {
    const today = new Date(2026, 2, 20, 15, 30);
    expect(periodFor(4, today)).toEqual({ from: new Date(2026, 1, 20).toISOString() });
  });

  it('gives no period for all time', () => {
    expect(periodFor(0)).toBeNull();
  });
});
