/** How stale a radar snapshot may be, read from the environment once per process. */
export interface RadarSettings {
  /**
   * A snapshot older than this is recomputed on the next request (INSIGHTS_RADAR_MAX_AGE_SECONDS, default 60);
   * 0 recomputes on every request.
   */
  maxAgeMs: number;
}

export const RADAR_SETTINGS = Symbol('RADAR_SETTINGS');

export const DEFAULT_RADAR_MAX_AGE_SECONDS = 60;

export function loadRadarSettings(env: Record<string, string | undefined> = process.env): RadarSettings {
  const raw = env['INSIGHTS_RADAR_MAX_AGE_SECONDS']?.trim();
  if (!raw) return { maxAgeMs: DEFAULT_RADAR_MAX_AGE_SECONDS * 1000 };
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 86_400) {
    throw new Error(`Configuration error: INSIGHTS_RADAR_MAX_AGE_SECONDS must be a whole number from 0 to 86400 (got "${raw}")`);
  }
  return { maxAgeMs: seconds * 1000 };
}
