/** A position in the radar, ordered by score (highest first), then client id. */
export interface RadarPosition {
  score: number;
  clientUserId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeRadarCursor(position: RadarPosition): string {
  return Buffer.from(`radar|${position.score}|${position.clientUserId}`, 'utf8').toString('base64url');
}

/** The position a cursor stands for, or null when it is not a radar cursor. */
export function decodeRadarCursor(cursor: string): RadarPosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const [kind, score, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (kind !== 'radar' || rest.length > 0 || !score || !id || !/^\d{1,9}$/.test(score) || !UUID.test(id)) return null;
  return { score: Number(score), clientUserId: id.toLowerCase() };
}
