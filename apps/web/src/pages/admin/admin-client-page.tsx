import { useParams } from 'react-router';
import { Role } from '@followthrough/shared-domain';
import { useQuery } from 'urql';
import { MembersDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { PageTitle } from '../../components/page-title';
import { ClientScorecardSection } from '../shared/client-scorecard-section';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';
import { ClientFollowUpActivity } from '../coach/client-follow-up-activity';

/** An admin's look at one client's follow-up. Vents stay between the client and their coach. */
export function AdminClientPage() {
  const { clientUserId = '' } = useParams();
  return <AdminClientView key={clientUserId} clientUserId={clientUserId} />;
}

function AdminClientView({ clientUserId }: { clientUserId: string }) {
  const [members] = useQuery({ query: MembersDocument });
  const client = members.data?.members.find((member) => member.userId === clientUserId && member.role === Role.CLIENT);

  return (
    <main className="page">
      <PageTitle title={client?.name ?? 'Client'} />
      <p>
        <AppLink to={paths.adminRadar}>← Follow-up Radar</AppLink>
      </p>
      {members.fetching && !members.data ? (
        <LoadingState what="the client" />
      ) : members.error ? (
        <ErrorAlert error={members.error} />
      ) : !client ? (
        <>
          <h1>Client not found</h1>
          <p>There is no such client in your agency.</p>
        </>
      ) : (
        <>
          <h1>{client.name}</h1>
          <p className="muted">{client.email}</p>
          <div className="columns">
            <ClientFollowUpActivity clientUserId={client.userId} clientName={client.name} />
            <ClientScorecardSection clientUserId={client.userId} clientName={client.name} />
          </div>
        </>
      )}
    </main>
  );
}
