import { NavLink } from 'react-router';
import { Role } from '@followthrough/shared-domain';
import { ROLE_LABELS } from '../format/domain-labels';
import { AppLink } from '../routing/app-link';
import { paths } from '../routing/routes';
import { useSignedInSession, useSession } from '../session/session-context';

interface NavItem {
  to: string;
  label: string;
}

const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  [Role.AGENCY_ADMIN]: [
    { to: paths.adminRadar, label: 'Radar' },
    { to: paths.adminInsights, label: 'Insights' },
    { to: paths.members, label: 'Members' },
    { to: paths.playbooks, label: 'Playbooks' },
    { to: paths.reminders, label: 'Reminders' },
  ],
  [Role.COACH]: [{ to: paths.coachClients, label: 'My clients' }],
  [Role.CLIENT]: [
    { to: paths.myApplications, label: 'My applications' },
    { to: paths.myVents, label: 'Vent & actions' },
  ],
};

export function AppHeader({ showMailbox }: { showMailbox: boolean }) {
  const session = useSignedInSession();
  const { signOut } = useSession();
  const items = [
    ...NAV_BY_ROLE[session.membership.role],
    ...(showMailbox ? [{ to: paths.mailbox, label: 'Mailbox' }] : []),
  ];

  const leave = () => {
    signOut();
    // A fresh load of the sign-in page: nothing of the signed-in pages stays in memory.
    window.location.replace(paths.signIn);
  };

  return (
    <header className="app-header">
      <div className="brand">
        <AppLink to={paths.home}>Followthrough</AppLink>
        <span className="agency">{session.membership.agency.name}</span>
      </div>
      <nav aria-label="Main">
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>{item.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="who">
        <span>
          {session.user.name} <span className="muted">· {ROLE_LABELS[session.membership.role]}</span>
        </span>
        <button type="button" onClick={leave}>
          Sign out
        </button>
      </div>
    </header>
  );
}
