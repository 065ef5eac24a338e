import { Role } from '@followthrough/shared-domain';
import { Member, MEMBERS } from '../../api/identity-operations';
import { useGraphqlQuery } from '../../api/use-graphql-query';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';
import { ClientFollowUpActivity } from '../coach/client-follow-up-activity';

/** An admin's look at one client's follow-up. Vents stay between the client and their coach. */
export function AdminClientPage({ clientUserId }: { clientUserId: string }) {
  const members = useGraphqlQuery<{ members: Member[] }>(MEMBERS);
  const client = members.data?.members.find((member) => member.userId === clientUserId && member.role === Role.CLIENT);

  return (
    <main className="page">
      <p>
        <AppLink to={paths.members}>← Members</AppLink>
      </p>
      {members.loading && !members.data ? (
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
          <ClientFollowUpActivity clientUserId={client.userId} clientName={client.name} />
        </>
      )}
    </main>
  );
}
