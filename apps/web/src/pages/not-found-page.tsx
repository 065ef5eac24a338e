import { AppLink } from '../routing/app-link';
import { paths } from '../routing/routes';
import { PageTitle } from '../components/page-title';

export function NotFoundPage() {
  return (
    <main className="page">
      <PageTitle title="Page not found" />
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <AppLink to={paths.home}>Go to your start page</AppLink>.
      </p>
    </main>
  );
}
