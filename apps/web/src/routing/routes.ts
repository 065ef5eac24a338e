import { Role } from '@followthrough/shared-domain';

/** Addresses of the dashboard's pages; the route table (app-router.tsx) maps them to pages. */
export const paths = {
  home: '/',
  signIn: '/sign-in',
  register: '/register',
  /** Where the sign-up e-mail's link lands (the API's VERIFY_EMAIL_PATH). */
  verifyEmail: '/verify-email',
  acceptInvitation: '/accept-invitation',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  adminRadar: '/admin/radar',
  adminInsights: '/admin/insights',
  members: '/admin/members',
  reminders: '/admin/reminders',
  playbooks: '/admin/playbooks',
  adminClient: (clientUserId: string) => `/admin/clients/${encodeURIComponent(clientUserId)}`,
  coachClients: '/coach/clients',
  coachClient: (clientUserId: string) => `/coach/clients/${encodeURIComponent(clientUserId)}`,
  myApplications: '/my/applications',
  myApplication: (applicationId: string) => `/my/applications/${encodeURIComponent(applicationId)}`,
  myVents: '/my/vents',
  mailbox: '/mailbox',
};

/** Where each role lands after signing in: admins and coaches on the Follow-up Radar, clients on their next call. */
export function homePathFor(role: Role): string {
  switch (role) {
    case Role.AGENCY_ADMIN:
      return paths.adminRadar;
    case Role.COACH:
      return paths.coachClients;
    case Role.CLIENT:
      return paths.myApplications;
  }
}

/** The page of one client, as the signed-in role opens it. */
export function clientPathFor(role: Role, clientUserId: string): string {
  return role === Role.AGENCY_ADMIN ? paths.adminClient(clientUserId) : paths.coachClient(clientUserId);
}

/** A "come back here after signing in" target, accepted only when it is one of our own paths. */
export function safeReturnPath(candidate: string | null): string | null {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return null;
  return candidate;
}
