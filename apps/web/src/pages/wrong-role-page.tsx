import { Role } from '@followthrough/shared-domain';
import { ROLE_LABELS } from '../format/domain-labels';
import { AppLink } from '../routing/app-link';
import { paths } from '../routing/routes';
import { PageTitle } from '../components/page-title';

/** Shown when someone opens a page meant for another role (an admin following a coach's link, say). */
export function WrongRolePage({ role }: { role: Role }) {
  return (
    <main className="page">
      <PageTitle title="Not available to you" />
      <h1>Not available to you</h1>
      <p>
        This page is for the {ROLE_LABELS[role].toLowerCase()} role.{' '}
        <AppLink to={paths.home}>Go to your start page</AppLink>.
      </p>
    </main>
  );
}
