import { useQuery } from 'urql';
import { DevMailboxDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { formatDateTime } from '../../format/format-date';
import { MessageText } from './message-text';
import { PageTitle } from '../../components/page-title';

/** What the local mail sink of `npm start` caught: reminders and digests, as recipients would get them. */
export function DevMailboxPage() {
  const [mailbox, reexecute] = useQuery({ query: DevMailboxDocument, variables: { first: 50 } });
  const messages = mailbox.data?.devMailbox ?? [];

  return (
    <main className="page">
      <PageTitle title="Mailbox" />
      <div className="section-header">
        <h1>Development mailbox</h1>
        <button type="button" onClick={() => reexecute({ requestPolicy: 'network-only' })} disabled={mailbox.fetching}>
          Refresh
        </button>
      </div>
      <p className="muted">E-mails the product sent while running locally. Nothing here left this machine.</p>
      <ErrorAlert error={mailbox.error} />
      {mailbox.fetching && !mailbox.data ? (
        <LoadingState what="messages" />
      ) : messages.length === 0 ? (
        <p className="muted">No messages yet. Reminders arrive here when a follow-up step falls due.</p>
      ) : (
        <ul className="plain-list mailbox" aria-label="Messages">
          {messages.map((message) => (
            <li key={message.id} className="card">
              <details>
                <summary>
                  <strong>{message.subject}</strong>
                  <span className="muted small">
                    {' '}
                    · to {message.to.join(', ')} · {formatDateTime(message.receivedAt)}
                  </span>
                </summary>
                <p className="small muted">From: {message.from ?? 'unknown'}</p>
                <MessageText text={message.text} />
                {message.listUnsubscribe && <p className="small muted">Unsubscribe: {message.listUnsubscribe}</p>}
              </details>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
