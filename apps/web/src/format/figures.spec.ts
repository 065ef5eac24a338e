import { businessDaysText, formatFigure, formatShare } from './figures';

describe('figures', () => {
  it('writes shares as whole percentages', () => {
    expect(formatShare(0.425)).toBe('43 %');
    expect(formatShare(0)).toBe('0 %');
    expect(formatShare(null)).toBe('—');
  });

  it('keeps at most one decimal', () => {
    expect(formatFigure(2)).toBe('2');
    expect(formatFigure(2.25)).toBe('2.3');
    expect(formatFigure(undefined)).toBe('—');
  });

  it('counts business days in words', () => {
    expect(businessDaysText(1)).toBe('1 business day');
    expect(businessDaysText(4)).toBe('4 business days');
    expect(businessDaysText(null)).toBe('no open applications');
  });
});
