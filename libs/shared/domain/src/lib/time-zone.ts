/** True for an IANA time zone name the runtime knows, e.g. "America/New_York". */
export function isValidTimeZone(name: string): boolean {
  if (!name || (!name.includes('/') && name !== 'UTC')) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
