import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { MyClientsDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { PageTitle } from '../../components/page-title';
import { ClientScorecardSection } from '../shared/client-scorecard-section';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';
import { ClientFollowUpActivity } from './client-follow-up-activity';
import { SharedVentsSection } from './shared-vents-section';

/** One client of the coach's caseload: their follow-up, and the vents they chose to share. */
export function CoachClientPage() {
  const { clientUserId = '' } = useParams();
  return <CoachClientView key={clientUserId} clientUserId={clientUserId} />;
}

function CoachClientView({ clientUserId }: { clientUserId: string }) {
  const [caseload] = useQuery({ query: MyClientsDocument });
  const client = caseload.data?.myClients.find((member) => member.userId === clientUserId);

  return (
    <main className="page">
      <PageTitle title={client?.name ?? 'Client'} />
      <p>
        <AppLink to={paths.coachClients}>← Follow-up Radar</AppLink>
      </p>
      {caseload.fetching && !caseload.data ? (
        <LoadingState what="the client" />
      ) : caseload.error ? (
        <ErrorAlert error={caseload.error} />
      ) : !client ? (
        <>
          <h1>Client not found</h1>
          <p>This person is not on your caseload.</p>
        </>
      ) : (
        <>
          <h1>{client.name}</h1>
          <p className="muted">{client.email}</p>
          <div className="columns">
            <ClientFollowUpActivity clientUserId={client.userId} clientName={client.name} />
            <div className="stack">
              <ClientScorecardSection clientUserId={client.userId} clientName={client.name} />
              <SharedVentsSection clientUserId={client.userId} clientName={client.name} />
            </div>
          </div>
        </>
      )}
    </main>
  );
}
