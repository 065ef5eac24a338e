import { strToU8, zipSync } from 'fflate';
import type { ExportedTables } from '@followthrough/server-core';
import { CsvCell, toCsv } from '@followthrough/server-insights';

/** What a person's download holds: who, when, and their rows by context and table. */
export interface DataArchiveContent {
  exportedAt: Date;
  userId: string;
  agencyId: string;
  contexts: Record<string, ExportedTables>;
}

function cell(value: unknown): CsvCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // Arrays (tags) and JSON columns: one cell of JSON text.
  return JSON.stringify(value);
}

/** One table as CSV: the columns are every key its rows have, in the order they first appear. */
export function tableCsv(rows: readonly Record<string, unknown>[]): string {
  const header: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!header.includes(key)) header.push(key);
  return toCsv(
    header,
    rows.map((row) => header.map((key) => cell(row[key]))),
  );
}

/**
 * The zip a person downloads: `data.json` with everything, and `csv/<context>/<table>.csv` per table
 * (every table, empty ones with no rows, so the person sees what the product could hold about them).
 */
export function dataArchive(content: DataArchiveContent): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'data.json': strToU8(JSON.stringify(content, null, 2)),
  };
  for (const [context, tables] of Object.entries(content.contexts))
    for (const [table, rows] of Object.entries(tables)) files[`csv/${context}/${table}.csv`] = strToU8(tableCsv(rows));
  files['README.txt'] = strToU8(
    [
      'Your data in Followthrough, as stored when this file was made.',
      'data.json holds all of it; the csv folder has one spreadsheet per table, grouped by part of the product.',
      'Ask your agency admin to delete or anonymise it.',
      '',
    ].join('\r\n'),
  );
  // Same timestamp for every entry, so two downloads of unchanged data differ only in data.json's exportedAt.
  return zipSync(files, { level: 6, mtime: content.exportedAt });
}
