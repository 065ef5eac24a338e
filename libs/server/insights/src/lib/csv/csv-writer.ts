/** A CSV cell: text is quoted as needed and defused; numbers, dates and empties are written as they are. */
export type CsvCell = string | number | Date | null | undefined;

// Spreadsheets run a cell that starts with one of these as a formula (tab and carriage return too).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One text cell, RFC 4180 quoting, with a leading apostrophe on anything a spreadsheet would evaluate. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvText(value);
}

/** A whole document: a header row, then the rows, CRLF line ends (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly CsvCell[][]): string {
  return (
    [header.map(csvText), ...rows.map((row) => row.map(csvCell))].map((cells) => cells.join(',')).join('\r\n') + '\r\n'
  );
}
