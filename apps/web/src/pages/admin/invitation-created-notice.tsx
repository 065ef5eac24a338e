import { useState } from 'react';
import type { InviteMemberMutation } from '../../api/generated/graphql';
import { formatDateTime } from '../../format/format-date';
import { ROLE_LABELS } from '../../format/domain-labels';
import { paths } from '../../routing/routes';

/** The invitation link, shown this once: the API keeps only a hash of the token. */
export function InvitationCreatedNotice({ invitation }: { invitation: InviteMemberMutation['inviteMember'] }) {
  const link = `${window.location.origin}${paths.acceptInvitation}?token=${encodeURIComponent(invitation.token ?? '')}`;
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div role="status" className="alert alert-success invitation-notice">
      <p>
        Invitation created for <strong>{invitation.email}</strong> as {ROLE_LABELS[invitation.role].toLowerCase()}. Send
        them this link; it is shown only now, works once, and expires {formatDateTime(invitation.expiresAt)}.
      </p>
      <div className="copy-row">
        <label htmlFor="invitation-link">Invitation link</label>
        <input id="invitation-link" readOnly value={link} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy link'}
        </button>
      </div>
      <p className="hint">
        Invitation code: <code data-testid="invitation-token">{invitation.token}</code>
      </p>
    </div>
  );
}
