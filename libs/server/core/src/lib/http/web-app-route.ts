/** Paths that belong to the API whatever a browser asks for; the dashboard never answers them. */
export const API_PATH_PREFIXES = ['/graphql', '/health'];

/**
 * Whether a request is a browser opening one of the dashboard's pages (a client-side route), which
 * gets index.html: a GET or HEAD that accepts HTML, outside the API's paths, for a path that does
 * not name a file (a missing /assets/x.js stays a 404 instead of turning into a page).
 */
export function isWebAppRoute(method: string, path: string, accept: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (!accept?.includes('text/html')) return false;
  if (API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  return !lastSegment.includes('.');
}
