import type { InviteMemberMutation } from '../../api/generated/graphql';
import { StatusMessage } from '../../components/status-message';
import { ROLE_LABELS } from '../../format/domain-labels';
import { formatDate } from '../../format/format-date';

type Invitation = InviteMemberMutation['inviteMember'];

/** How long an invitation's link works, in whole days (the API gives 7). */
function invitationDays(invitation: Pick<Invitation, 'createdAt' | 'expiresAt'>): number {
  return Math.round((Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)) / 86_400_000);
}

/**
 * Says the invitation went out. Its link was e-mailed to the invitee alone: nobody else, this admin
 * included, sees it, so there is nothing to copy or pass on.
 */
export function InvitationCreatedNotice({ invitation }: { invitation: Invitation }) {
  const days = invitationDays(invitation);
  const role = ROLE_LABELS[invitation.role].toLowerCase();
  return (
    <StatusMessage>
      Invitation e-mailed to <strong>{invitation.email}</strong>; it works for {days} {days === 1 ? 'day' : 'days'}{' '}
      (until {formatDate(invitation.expiresAt)}). They join as {/^[aeiou]/.test(role) ? 'an' : 'a'} {role} from the link
      in it.
    </StatusMessage>
  );
}
