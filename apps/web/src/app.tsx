import { AppHeader } from './components/app-header';
import { AdminClientPage } from './pages/admin/admin-client-page';
import { MembersPage } from './pages/admin/members-page';
import { ClientApplicationPage } from './pages/client/client-application-page';
import { MyApplicationsPage } from './pages/client/my-applications-page';
import { MyVentsPage } from './pages/client/my-vents-page';
import { CoachClientPage } from './pages/coach/coach-client-page';
import { MyClientsPage } from './pages/coach/my-clients-page';
import { DevMailboxPage } from './pages/mailbox/dev-mailbox-page';
import { useDevMailboxAvailable } from './pages/mailbox/use-dev-mailbox-available';
import { NotFoundPage } from './pages/not-found-page';
import { AcceptInvitationPage } from './pages/public/accept-invitation-page';
import { RegisterAgencyPage } from './pages/public/register-agency-page';
import { SignInPage } from './pages/public/sign-in-page';
import { WrongRolePage } from './pages/wrong-role-page';
import { useCurrentAddress } from './routing/navigation';
import { Redirect } from './routing/redirect';
import { homePathFor, isPublicRoute, matchRoute, paths, roleOfRoute, Route } from './routing/routes';
import { useSession } from './session/session-context';

function SignedInPage({ route }: { route: Route }) {
  switch (route.page) {
    case 'members':
      return <MembersPage />;
    case 'admin-client':
      return <AdminClientPage key={route.clientUserId} clientUserId={route.clientUserId} />;
    case 'coach-clients':
      return <MyClientsPage />;
    case 'coach-client':
      return <CoachClientPage key={route.clientUserId} clientUserId={route.clientUserId} />;
    case 'my-applications':
      return <MyApplicationsPage />;
    case 'my-application':
      return <ClientApplicationPage key={route.applicationId} applicationId={route.applicationId} />;
    case 'my-vents':
      return <MyVentsPage />;
    case 'mailbox':
      return <DevMailboxPage />;
    default:
      return <NotFoundPage />;
  }
}

/** Picks the page for the address bar, sending people who are not signed in to the sign-in page. */
export function App() {
  const { session } = useSession();
  const { pathname, searchParams } = useCurrentAddress();
  const route = matchRoute(pathname);
  const mailboxAvailable = useDevMailboxAvailable(session !== null);

  if (route.page === 'sign-in' && session) return <Redirect to={homePathFor(session.membership.role)} />;
  if (route.page === 'sign-in') return <SignInPage />;
  if (route.page === 'register') return <RegisterAgencyPage />;
  if (route.page === 'accept-invitation') return <AcceptInvitationPage key={searchParams.get('token') ?? ''} />;
  if (!session) {
    if (isPublicRoute(route)) return <NotFoundPage />;
    const next = pathname === paths.home ? '' : `?next=${encodeURIComponent(pathname + (searchParams.size ? `?${searchParams}` : ''))}`;
    return <Redirect to={`${paths.signIn}${next}`} />;
  }
  if (route.page === 'home') return <Redirect to={homePathFor(session.membership.role)} />;

  const requiredRole = roleOfRoute(route);
  return (
    <>
      <a href="#content" className="skip-link">
        Skip to content
      </a>
      <AppHeader currentPath={pathname} showMailbox={mailboxAvailable} />
      <div id="content">
        {requiredRole && requiredRole !== session.membership.role ? <WrongRolePage role={requiredRole} /> : <SignedInPage route={route} />}
      </div>
    </>
  );
}
