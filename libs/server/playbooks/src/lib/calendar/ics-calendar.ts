/** One due follow-up step as a calendar event. */
export interface CalendarEntry {
  uid: string;
  start: Date;
  durationMinutes: number;
  summary: string;
  description: string;
  url?: string;
  /** Bumped whenever the entry changes, so calendar apps refresh it. */
  updatedAt: Date;
}

const LINE_LIMIT = 75;

function utcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

// RFC 5545 text values: backslash, semicolon, comma and line breaks (CR LF, CR or LF alone) are
// escaped; other control characters have no place in TEXT and are dropped. A bare CR left in
// would end the line for many readers and let the text add properties of its own.
function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/\p{Cc}/gu, (control) => (control === '\t' ? control : ''));
}

// Lines longer than 75 octets continue on the next line after a single space.
function fold(line: string): string[] {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= LINE_LIMIT) return [line];
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    const limit = parts.length === 0 ? LINE_LIMIT : LINE_LIMIT - 1;
    if (Buffer.byteLength(current + char, 'utf8') > limit) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.map((part, index) => (index === 0 ? part : ` ${part}`));
}

/** An iCalendar (RFC 5545) document of the given entries. */
export function renderCalendar(name: string, entries: CalendarEntry[], now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Followthrough//Follow-up steps//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const entry of entries) {
    const end = new Date(entry.start.getTime() + entry.durationMinutes * 60_000);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${entry.uid}`,
      `DTSTAMP:${utcStamp(now)}`,
      `LAST-MODIFIED:${utcStamp(entry.updatedAt)}`,
      `DTSTART:${utcStamp(entry.start)}`,
      `DTEND:${utcStamp(end)}`,
      `SUMMARY:${escapeText(entry.summary)}`,
      `DESCRIPTION:${escapeText(entry.description)}`,
      ...(entry.url ? [`URL:${entry.url}`] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.flatMap(fold).join('\r\n') + '\r\n';
}
