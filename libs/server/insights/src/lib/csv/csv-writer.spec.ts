import { csvCell, csvText, toCsv } from './csv-writer';

describe('CSV writer', () => {
  it('leaves plain text alone and quotes separators, quotes and line breaks', () => {
    expect(csvText('Acme')).toBe('Acme');
    expect(csvText('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvText('The "Best" Co')).toBe('"The ""Best"" Co"');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText(' padded ')).toBe('" padded "');
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1 555 0100', "'+1 555 0100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
  ])('defuses a cell a spreadsheet would run: %p', (input, output) => {
    expect(csvText(input)).toBe(output);
  });

  it('writes numbers, dates and empty cells as values, not text', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(new Date('2026-03-02T09:00:00.000Z'))).toBe('2026-03-02T09:00:00.000Z');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('joins a header and rows with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x', 1],
          [null, '=1'],
        ],
      ),
    ).toBe("a,b\r\nx,1\r\n,'=1\r\n");
  });
});
