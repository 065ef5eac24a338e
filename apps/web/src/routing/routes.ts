import { Role } from '@followthrough/shared-domain';

/** Every page of the dashboard, as matched from the address bar. */
export type Route =
  | { page: 'home' }
  | { page: 'sign-in' }
  | { page: 'register' }
  | { page: 'accept-invitation' }
  | { page: 'members' }
  | { page: 'admin-client'; clientUserId: string }
  | { page: 'coach-clients' }
  | { page: 'coach-client'; clientUserId: string }
  | { page: 'my-applications' }
  | { page: 'my-application'; applicationId: string }
  | { page: 'my-vents' }
  | { page: 'mailbox' }
  | { page: 'not-found' };

export const paths = {
  home: '/',
  signIn: '/sign-in',
  register: '/register',
  acceptInvitation: '/accept-invitation',
  members: '/admin/members',
  adminClient: (clientUserId: string) => `/admin/clients/${encodeURIComponent(clientUserId)}`,
  coachClients: '/coach/clients',
  coachClient: (clientUserId: string) => `/coach/clients/${encodeURIComponent(clientUserId)}`,
  myApplications: '/my/applications',
  myApplication: (applicationId: string) => `/my/applications/${encodeURIComponent(applicationId)}`,
  myVents: '/my/vents',
  mailbox: '/mailbox',
};

const STATIC_ROUTES: Record<string, Route> = {
  [paths.home]: { page: 'home' },
  [paths.signIn]: { page: 'sign-in' },
  [paths.register]: { page: 'register' },
  [paths.acceptInvitation]: { page: 'accept-invitation' },
  [paths.members]: { page: 'members' },
  [paths.coachClients]: { page: 'coach-clients' },
  [paths.myApplications]: { page: 'my-applications' },
  [paths.myVents]: { page: 'my-vents' },
  [paths.mailbox]: { page: 'mailbox' },
};

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const fixed = STATIC_ROUTES[path];
  if (fixed) return fixed;
  const adminClient = /^\/admin\/clients\/([^/]+)$/.exec(path);
  const adminClientUserId = adminClient && decodeSegment(adminClient[1]);
  if (adminClientUserId) return { page: 'admin-client', clientUserId: adminClientUserId };
  const coachClient = /^\/coach\/clients\/([^/]+)$/.exec(path);
  const clientUserId = coachClient && decodeSegment(coachClient[1]);
  if (clientUserId) return { page: 'coach-client', clientUserId };
  const application = /^\/my\/applications\/([^/]+)$/.exec(path);
  const applicationId = application && decodeSegment(application[1]);
  if (applicationId) return { page: 'my-application', applicationId };
  return { page: 'not-found' };
}

/** Pages anyone may open; every other page needs a signed-in person. */
export function isPublicRoute(route: Route): boolean {
  return route.page === 'sign-in' || route.page === 'register' || route.page === 'accept-invitation' || route.page === 'not-found';
}

/** The role a page is for, or null when every signed-in person may open it. */
export function roleOfRoute(route: Route): Role | null {
  switch (route.page) {
    case 'members':
    case 'admin-client':
      return Role.AGENCY_ADMIN;
    case 'coach-clients':
    case 'coach-client':
      return Role.COACH;
    case 'my-applications':
    case 'my-application':
    case 'my-vents':
      return Role.CLIENT;
    default:
      return null;
  }
}

/** Where each role lands after signing in. */
export function homePathFor(role: Role): string {
  switch (role) {
    case Role.AGENCY_ADMIN:
      return paths.members;
    case Role.COACH:
      return paths.coachClients;
    case Role.CLIENT:
      return paths.myApplications;
  }
}

/** A "come back here after signing in" target, accepted only when it is one of our own paths. */
export function safeReturnPath(candidate: string | null): string | null {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return null;
  return candidate;
}
