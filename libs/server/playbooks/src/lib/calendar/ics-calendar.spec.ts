import { renderCalendar } from './ics-calendar';

describe('renderCalendar', () => {
  const entry = {
    uid: 'step-1@followthrough',
    start: new Date('2026-03-04T14:00:00Z'),
    durationMinutes: 30,
    summary: 'Call Acme, Inc.; ask about the process',
    description: 'Line one\nLine two with a comma, and a backslash \\',
    updatedAt: new Date('2026-03-02T10:00:00Z'),
  };

  it('writes one event per step with UTC times and escaped text', () => {
    const ics = renderCalendar('Follow-up steps', [entry], new Date('2026-03-02T12:00:00Z'));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTSTART:20260304T140000Z\r\n');
    expect(ics).toContain('DTEND:20260304T143000Z\r\n');
    expect(ics).toContain('SUMMARY:Call Acme\\, Inc.\\; ask about the process\r\n');
    expect(ics).toContain('DESCRIPTION:Line one\\nLine two with a comma\\, and a backslash \\\\\r\n');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('folds long lines at 75 octets without splitting characters', () => {
    const ics = renderCalendar('x', [{ ...entry, description: 'é'.repeat(100) }]);
    const lines = ics.split('\r\n');
    expect(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`DESCRIPTION:${'é'.repeat(100)}\r\n`);
  });

  it.each([
    ['a bare carriage return', '\r'],
    ['a bare line feed', '\n'],
    ['CR LF', '\r\n'],
    ['a vertical tab and NUL', '\u000b\u0000\r'],
  ])('cannot inject properties through %s in a title', (_label, breaker) => {
    const summary = `Call Acme${breaker}BEGIN:VALARM${breaker}TRIGGER:-PT5M${breaker}ACTION:DISPLAY${breaker}END:VALARM`;
    const ics = renderCalendar('x', [{ ...entry, summary }]);
    const lines = ics
      .replace(/\r\n /g, '')
      .split('\r\n')
      .filter((line) => line !== '');
    expect(lines.filter((line) => /^(BEGIN|END):VALARM/.test(line))).toEqual([]);
    // Only CR LF ends a line; no other control character survives.
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[^\P{Cc}\t]/u);
    expect(lines.every((line) => /^[A-Z-]+[;:]/.test(line))).toBe(true);
  });
});
