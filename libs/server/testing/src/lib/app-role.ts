/** The application's role on test servers, as the jest global setup creates it (test/test-services.ts). */
const TEST_APP_ROLE = { name: 'followthrough_app', password: 'followthrough_app' };

/**
 * The same server and database as `ownerUrl`, signed in as the application's role: what APIs and workers under
 * test connect with, bound by row-level security and owning nothing.
 */
export function asAppRole(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = TEST_APP_ROLE.name;
  url.password = TEST_APP_ROLE.password;
  return url.toString();
}
