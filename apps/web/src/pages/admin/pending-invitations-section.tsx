import { useMutation, useQuery } from 'urql';
import { InvitationsDocument, RevokeInvitationDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { ROLE_LABELS } from '../../format/domain-labels';
import { formatDate } from '../../format/format-date';

/** Invitations nobody has used yet; revoking one makes its link stop working at once. */
export function PendingInvitationsSection() {
  const [invitations, reexecute] = useQuery({ query: InvitationsDocument });
  const [revokeState, revoke] = useMutation(RevokeInvitationDocument);
  const pending = invitations.data?.invitations ?? [];

  return (
    <section className="card" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">
        Pending invitations {invitations.data && <span className="count">({pending.length})</span>}
      </h2>
      <ErrorAlert error={invitations.error ?? revokeState.error} />
      {invitations.fetching && !invitations.data ? (
        <LoadingState what="invitations" />
      ) : pending.length === 0 ? (
        <p className="muted">No invitation is waiting to be accepted.</p>
      ) : (
        <ul className="plain-list" aria-label="Pending invitations">
          {pending.map((invitation) => (
            <li key={invitation.id} className="inline-form">
              <span>
                <strong>{invitation.email}</strong> · {ROLE_LABELS[invitation.role]} · expires{' '}
                {formatDate(invitation.expiresAt)}
              </span>
              <button
                type="button"
                disabled={revokeState.fetching}
                aria-label={`Revoke the invitation of ${invitation.email}`}
                onClick={async () => {
                  if ((await revoke({ invitationId: invitation.id })).data)
                    reexecute({ requestPolicy: 'network-only' });
                }}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
