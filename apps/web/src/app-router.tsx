import { Suspense } from 'react';
import { createBrowserRouter, Outlet, RouteObject, useLocation, useSearchParams } from 'react-router';
import { Role } from '@followthrough/shared-domain';
import { AppHeader } from './components/app-header';
import { LoadingState } from './components/loading-state';
import { ClientApplicationPage } from './pages/client/client-application-page';
import { MyApplicationsPage } from './pages/client/my-applications-page';
import { MyVentsPage } from './pages/client/my-vents-page';
import { useDevMailboxAvailable } from './pages/mailbox/use-dev-mailbox-available';
import { NotFoundPage } from './pages/not-found-page';
import { OutboxProvider } from './offline/outbox-context';
import { SignInPage } from './pages/public/sign-in-page';
import { WrongRolePage } from './pages/wrong-role-page';
import { Redirect } from './routing/redirect';
import { homePathFor, paths, safeReturnPath } from './routing/routes';
import { useSession } from './session/session-context';

/** The header and the page below it, for a signed-in person; others go to the sign-in page first. */
function SignedInShell() {
  const { session } = useSession();
  const location = useLocation();
  const mailboxAvailable = useDevMailboxAvailable(session !== null);
  if (!session) {
    const next =
      location.pathname === paths.home ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Redirect to={`${paths.signIn}${next}`} />;
  }
  return (
    <>
      <a href="#content" className="skip-link">
        Skip to content
      </a>
      <AppHeader showMailbox={mailboxAvailable} />
      <OutboxProvider>
        <div id="content">
          <Suspense fallback={<LoadingState what="the page" />}>
            <Outlet />
          </Suspense>
        </div>
      </OutboxProvider>
    </>
  );
}

/** Keeps a role's pages for that role. */
function RoleGate({ role }: { role: Role }) {
  const { session } = useSession();
  return session?.membership.role === role ? <Outlet /> : <WrongRolePage role={role} />;
}

function HomeRedirect() {
  const { session } = useSession();
  return session ? <Redirect to={homePathFor(session.membership.role)} /> : <Redirect to={paths.signIn} />;
}

/** The sign-in page; once signed in, the page asked for before (when it is ours) or the role's home. */
function SignInRoute() {
  const { session } = useSession();
  const [searchParams] = useSearchParams();
  if (!session) return <SignInPage />;
  return <Redirect to={safeReturnPath(searchParams.get('next')) ?? homePathFor(session.membership.role)} />;
}

/** Unknown addresses: with the header for a signed-in person, bare for anyone else. */
function NotFoundRoute() {
  const { session } = useSession();
  const mailboxAvailable = useDevMailboxAvailable(session !== null);
  return session ? (
    <>
      <AppHeader showMailbox={mailboxAvailable} />
      <NotFoundPage />
    </>
  ) : (
    <NotFoundPage />
  );
}

// Pages beyond sign-in and the client's own pages load on demand: the charts (and their library)
// reach only the people who open a page that charts.
export const ROUTES: RouteObject[] = [
  { path: paths.signIn, element: <SignInRoute /> },
  // Pages a person opens once: loaded when opened, not with sign-in.
  {
    path: paths.register,
    lazy: () => import('./pages/public/register-agency-page').then((m) => ({ Component: m.RegisterAgencyPage })),
  },
  {
    path: paths.verifyEmail,
    lazy: () => import('./pages/public/verify-email-page').then((m) => ({ Component: m.VerifyEmailPage })),
  },
  {
    path: paths.acceptInvitation,
    lazy: () => import('./pages/public/accept-invitation-page').then((m) => ({ Component: m.AcceptInvitationPage })),
  },
  {
    path: paths.forgotPassword,
    lazy: () => import('./pages/public/forgot-password-page').then((m) => ({ Component: m.ForgotPasswordPage })),
  },
  {
    path: paths.resetPassword,
    lazy: () => import('./pages/public/reset-password-page').then((m) => ({ Component: m.ResetPasswordPage })),
  },
  {
    element: <SignedInShell />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        element: <RoleGate role={Role.AGENCY_ADMIN} />,
        children: [
          {
            path: paths.adminRadar,
            lazy: () => import('./pages/coach/radar-page').then((m) => ({ Component: m.RadarPage })),
          },
          {
            path: paths.adminInsights,
            lazy: () => import('./pages/admin/insights-page').then((m) => ({ Component: m.InsightsPage })),
          },
          {
            path: paths.members,
            lazy: () => import('./pages/admin/members-page').then((m) => ({ Component: m.MembersPage })),
          },
          {
            path: paths.reminders,
            lazy: () => import('./pages/admin/reminders-page').then((m) => ({ Component: m.RemindersPage })),
          },
          {
            path: paths.playbooks,
            lazy: () => import('./pages/admin/playbooks-page').then((m) => ({ Component: m.PlaybooksPage })),
          },
          {
            path: '/admin/clients/:clientUserId',
            lazy: () => import('./pages/admin/admin-client-page').then((m) => ({ Component: m.AdminClientPage })),
          },
        ],
      },
      {
        element: <RoleGate role={Role.COACH} />,
        children: [
          {
            path: paths.coachClients,
            lazy: () => import('./pages/coach/radar-page').then((m) => ({ Component: m.RadarPage })),
          },
          {
            path: '/coach/clients/:clientUserId',
            lazy: () => import('./pages/coach/coach-client-page').then((m) => ({ Component: m.CoachClientPage })),
          },
        ],
      },
      {
        element: <RoleGate role={Role.CLIENT} />,
        children: [
          { path: paths.myApplications, element: <MyApplicationsPage /> },
          { path: '/my/applications/:applicationId', element: <ClientApplicationPage /> },
          { path: paths.myVents, element: <MyVentsPage /> },
        ],
      },
      {
        path: paths.mailbox,
        lazy: () => import('./pages/mailbox/dev-mailbox-page').then((m) => ({ Component: m.DevMailboxPage })),
      },
    ],
  },
  { path: '*', element: <NotFoundRoute /> },
];

export function createAppRouter() {
  return createBrowserRouter(ROUTES);
}
