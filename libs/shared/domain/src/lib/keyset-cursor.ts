/** Page sizes every keyset-paginated list accepts. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

/** Lists nested in an item (an application's follow-ups, a vent's actions): `first` per parent. */
export const DEFAULT_NESTED_LIST_SIZE = 50;
export const MAX_NESTED_LIST_SIZE = 100;

/** What is wrong with a nested list's `first`, or null. */
export function nestedListSizeProblem(first: number): string | null {
  return Number.isInteger(first) && first >= 1 && first <= MAX_NESTED_LIST_SIZE
    ? null
    : `must be from 1 to ${MAX_NESTED_LIST_SIZE}`;
}

/** A position in a list sorted by (timestamp, id), newest first. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

// Cursor text is ASCII (an ISO timestamp and a UUID), so btoa/atob work in Node and in browsers alike.
function toBase64url(ascii: string): string {
  return btoa(ascii).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(encoded: string): string | null {
  try {
    return atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque cursor for the row at this position. The timestamp must be millisecond-exact. */
export function encodeCursor(position: KeysetPosition): string {
  return toBase64url(`${position.at.toISOString()}|${position.id}`);
}

/** The position a cursor stands for, or null when it was not made by encodeCursor. */
export function decodeCursor(cursor: string): KeysetPosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const decoded = fromBase64url(cursor);
  if (decoded === null) return null;
  const [iso, id, ...rest] = decoded.split('|');
  if (rest.length > 0 || !iso || !id || !UUID.test(id)) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  return { at, id: id.toLowerCase() };
}

/** Why a requested page size is unacceptable, or null when it is fine. */
export function pageSizeProblem(first: number): string | null {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    return `must be a whole number from 1 to ${MAX_PAGE_SIZE}`;
  }
  return null;
}
