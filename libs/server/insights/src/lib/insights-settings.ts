/** The worker's schedule for the rollups' time-dependent facts, read from the environment once per process. */
export interface InsightsSettings {
  /** How often the worker recomputes the rollups whose `refresh_at` has passed (INSIGHTS_REFRESH_EVERY_MS, default 1000). */
  refreshEveryMs: number;
}

export const INSIGHTS_SETTINGS = Symbol('INSIGHTS_SETTINGS');

export const DEFAULT_REFRESH_EVERY_MS = 1000;

export function loadInsightsSettings(env: Record<string, string | undefined> = process.env): InsightsSettings {
  const raw = env['INSIGHTS_REFRESH_EVERY_MS']?.trim();
  if (!raw) return { refreshEveryMs: DEFAULT_REFRESH_EVERY_MS };
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100 || ms > 3_600_000) {
    throw new Error(
      `Configuration error: INSIGHTS_REFRESH_EVERY_MS must be a whole number of milliseconds from 100 to 3600000 (got "${raw}")`,
    );
  }
  return { refreshEveryMs: ms };
}
