import { Member, MY_CLIENTS } from '../../api/identity-operations';
import { useGraphqlQuery } from '../../api/use-graphql-query';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { formatDate } from '../../format/format-date';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';

/** The coach's caseload: every client assigned to them, and only those. */
export function MyClientsPage() {
  const clients = useGraphqlQuery<{ myClients: Member[] }>(MY_CLIENTS);
  const list = clients.data?.myClients ?? [];

  return (
    <main className="page">
      <h1>My clients</h1>
      <ErrorAlert error={clients.error} />
      {clients.loading && !clients.data ? (
        <LoadingState what="your clients" />
      ) : list.length === 0 ? (
        <p className="muted">No clients are assigned to you yet. Your agency admin assigns them.</p>
      ) : (
        <section className="card" aria-labelledby="caseload-heading">
          <h2 id="caseload-heading">
            Caseload <span className="count">({list.length})</span>
          </h2>
          <table aria-label="My clients">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">E-mail</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {list.map((client) => (
                <tr key={client.userId}>
                  <td>
                    <AppLink to={paths.coachClient(client.userId)}>{client.name}</AppLink>
                  </td>
                  <td>{client.email}</td>
                  <td>{formatDate(client.joinedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
