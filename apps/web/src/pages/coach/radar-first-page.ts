import { Role } from '@followthrough/shared-domain';
import type { Client } from 'urql';
import { FollowUpRadarDocument } from '../../api/generated/graphql';

export const RADAR_PAGE_SIZE = 25;

/** The radar's first page as the radar page asks for it (the same variables, so the same cache entry). */
export const radarFirstPage = (filter?: { coachUserId: string }) => ({
  ...(filter ? { filter } : {}),
  first: RADAR_PAGE_SIZE,
  after: null,
});

/**
 * Right after signing in, a coach's or admin's home (the radar) is fetched together with its code, rather
 * than one after the other once the page has loaded: the page then finds its first page in the cache.
 */
export function prefetchRadarHome(client: Client, role: Role): void {
  if (role !== Role.COACH && role !== Role.AGENCY_ADMIN) return;
  void import('./radar-page');
  void client.query(FollowUpRadarDocument, radarFirstPage()).toPromise();
}
