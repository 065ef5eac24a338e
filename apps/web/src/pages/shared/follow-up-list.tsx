import { FollowUpDirection, isBeyondEmail } from '@followthrough/shared-domain';
import { FollowUpFieldsFragment as FollowUp } from '../../api/generated/graphql';
import { CHANNEL_LABELS, OUTCOME_LABELS, PURPOSE_LABELS } from '../../format/domain-labels';
import { formatDateTime } from '../../format/format-date';
import { useSignedInSession } from '../../session/session-context';
import { canEditFollowUp, FollowUpEdit } from './follow-up-edit';

/**
 * The touches on one application, newest first, as the API returns them. With `onChanged`, the
 * signed-in person may correct or delete the touches they logged in the last 24 hours.
 */
export function FollowUpList({
  followUps,
  label,
  onChanged,
}: {
  followUps: FollowUp[];
  label: string;
  onChanged?(): void;
}) {
  const userId = useSignedInSession().user.id;
  if (followUps.length === 0) return <p className="muted">No follow-up logged yet.</p>;
  return (
    <ol className="timeline" aria-label={label}>
      {followUps.map((followUp) => (
        <li key={followUp.id} className={isBeyondEmail(followUp.channel) ? 'touch touch-person' : 'touch'}>
          <div className="touch-head">
            <strong>{CHANNEL_LABELS[followUp.channel]}</strong>
            {followUp.direction === FollowUpDirection.INBOUND && (
              <span className="badge">The employer reached out</span>
            )}
            <span> · {PURPOSE_LABELS[followUp.purpose]}</span>
            {followUp.outcome && <span> · {OUTCOME_LABELS[followUp.outcome]}</span>}
          </div>
          <div className="muted small">
            {formatDateTime(followUp.occurredAt)}
            {followUp.contact && <> · with {followUp.contact.name}</>}
            {followUp.onBehalf && <> · logged by a coach</>}
          </div>
          {followUp.notes && <p className="notes">{followUp.notes}</p>}
          {onChanged && canEditFollowUp(followUp, userId) && <FollowUpEdit followUp={followUp} onChanged={onChanged} />}
        </li>
      ))}
    </ol>
  );
}
