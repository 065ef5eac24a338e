import { ActionStatus, Role } from '@followthrough/shared-domain';
import {
  ActionFieldsFragment as ActionItem,
  CompleteActionDocument,
  DropActionDocument,
} from '../../api/generated/graphql';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../components/error-alert';
import { ACTION_SOURCE_LABELS, ACTION_STATUS_LABELS } from '../../format/domain-labels';
import { formatDate } from '../../format/format-date';
import { useSignedInSession } from '../../session/session-context';

function isOverdue(action: ActionItem, today = new Date()): boolean {
  if (action.status !== ActionStatus.OPEN || !action.dueOn) return false;
  return new Date(`${action.dueOn}T23:59:59`) < today;
}

/** Actions with their due dates; open ones can be marked done or dropped. */
export function ActionsList({
  actions,
  label,
  onChanged,
}: {
  actions: ActionItem[];
  label: string;
  onChanged(): void;
}) {
  const [completeState, complete] = useMutation(CompleteActionDocument);
  const [dropState, drop] = useMutation(DropActionDocument);
  const busy = completeState.fetching || dropState.fetching;
  const isClient = useSignedInSession().membership.role === Role.CLIENT;

  if (actions.length === 0) return <p className="muted">No actions yet.</p>;
  return (
    <>
      <ul className="plain-list actions" aria-label={label}>
        {actions.map((action) => (
          <li key={action.id} className={`action action-${action.status.toLowerCase()}`}>
            <div>
              <strong>{action.title}</strong>
              <div className="small muted">
                {ACTION_STATUS_LABELS[action.status]}
                {action.dueOn && (
                  <span className={isOverdue(action) ? 'warning-text' : undefined}>
                    {' '}
                    · due {formatDate(`${action.dueOn}T12:00:00`)}
                  </span>
                )}
                {' · '}
                {ACTION_SOURCE_LABELS[action.source]}
                {action.fromPrivateVent && (
                  <>
                    {' · '}
                    <span className="badge badge-private">
                      {isClient ? 'From a private vent: your coach sees only that it exists' : 'From a private vent'}
                    </span>
                  </>
                )}
                {action.application && (
                  <>
                    {' · '}
                    {action.application.title} at {action.application.companyName}
                  </>
                )}
              </div>
            </div>
            {action.status === ActionStatus.OPEN && (
              <div className="action-buttons">
                <button
                  type="button"
                  disabled={busy}
                  onClick={async () => (await complete({ id: action.id })).data && onChanged()}
                  aria-label={`Mark "${action.title}" done`}
                >
                  Done
                </button>
                <button
                  type="button"
                  disabled={busy}
                  onClick={async () => (await drop({ id: action.id })).data && onChanged()}
                  aria-label={`Drop "${action.title}"`}
                >
                  Drop
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <ErrorAlert error={completeState.error ?? dropState.error} />
    </>
  );
}
