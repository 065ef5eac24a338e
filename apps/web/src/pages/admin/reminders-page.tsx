import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ReminderStatus } from '@followthrough/shared-domain';
import { MembersDocument, RemindersDocument, RemindersQuery, RetryReminderDocument } from '../../api/generated/graphql';
import { useConnection } from '../../api/use-connection';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { PageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { formatDateTime } from '../../format/format-date';

const STATUS_LABELS: Record<ReminderStatus, string> = {
  [ReminderStatus.FAILED]: 'Failed',
  [ReminderStatus.IN_DIGEST]: 'Waiting for the daily digest',
  [ReminderStatus.SCHEDULED]: 'Scheduled',
  [ReminderStatus.SENDING]: 'Sending',
  [ReminderStatus.SENT]: 'Sent',
  [ReminderStatus.SKIPPED]: 'Skipped',
};

const pickReminders = (data: RemindersQuery) => data.reminders;

/** The agency's reminder e-mails and how delivery went: a failure shows its reason and can be sent again. */
export function RemindersPage() {
  const [status, setStatus] = useState<string>(ReminderStatus.FAILED);
  const reminders = useConnection(
    RemindersDocument,
    status ? { filter: { status: status as ReminderStatus } } : {},
    pickReminders,
    50,
  );
  const [members] = useQuery({ query: MembersDocument });
  const names = useMemo(
    () => new Map((members.data?.members ?? []).map((member) => [member.userId, member.name])),
    [members.data],
  );
  const [retryState, retry] = useMutation(RetryReminderDocument);
  const [retried, setRetried] = useState<string | null>(null);

  return (
    <main className="page">
      <PageTitle title="Reminders" />
      <h1>Reminders</h1>
      <p className="muted">
        The e-mails that remind clients and coaches of their next step. A failed one shows why; send it again once the
        cause is fixed.
      </p>
      <section className="card" aria-labelledby="reminders-heading">
        <div className="section-header">
          <h2 id="reminders-heading">Delivery</h2>
          <SelectField
            label="Status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            placeholder="Every status"
            options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </div>
        <ErrorAlert error={reminders.error ?? retryState.error} />
        {retried && (
          <p role="status" className="alert alert-success">
            {retried}
          </p>
        )}
        {reminders.loading && reminders.nodes.length === 0 ? (
          <LoadingState what="reminders" />
        ) : reminders.nodes.length === 0 ? (
          <p className="muted">No reminder with this status.</p>
        ) : (
          <ul className="plain-list stack" aria-label="Reminders">
            {reminders.nodes.map((reminder) => (
              <li key={reminder.id} className="reminder">
                <div>
                  <strong>{names.get(reminder.recipientUserId) ?? 'A member'}</strong> ·{' '}
                  {reminder.kind.toLowerCase().replace(/[_.]/g, ' ')} ·{' '}
                  <span className="badge">{STATUS_LABELS[reminder.status as ReminderStatus] ?? reminder.status}</span>
                </div>
                <div className="small muted">
                  due {formatDateTime(reminder.dueAt)}
                  {reminder.sentAt && <> · sent {formatDateTime(reminder.sentAt)}</>} · {reminder.attempts}{' '}
                  {reminder.attempts === 1 ? 'attempt' : 'attempts'}
                </div>
                {reminder.lastError && <p className="notes">Why it failed: {reminder.lastError}</p>}
                {reminder.status === ReminderStatus.FAILED && (
                  <button
                    type="button"
                    disabled={retryState.fetching}
                    aria-label={`Send again: the reminder to ${names.get(reminder.recipientUserId) ?? 'this member'}`}
                    onClick={async () => {
                      setRetried(null);
                      if ((await retry({ reminderId: reminder.id })).data) {
                        setRetried('Sent again: it is back in the queue.');
                        reminders.reload();
                      }
                    }}
                  >
                    Send again
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {reminders.hasMore && (
          <button type="button" onClick={reminders.loadMore} disabled={reminders.loading}>
            Show more
          </button>
        )}
      </section>
    </main>
  );
}
