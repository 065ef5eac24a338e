/** The viewer's own time zone, and every zone this browser knows (with it first). */
export function browserTimeZones(): { current: string; all: string[] } {
  const current = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const supportedValuesOf = (Intl as { supportedValuesOf?: (key: 'timeZone') => string[] }).supportedValuesOf;
  const known = supportedValuesOf ? supportedValuesOf('timeZone') : [];
  return { current, all: [current, ...known.filter((zone) => zone !== current)] };
}
