import { FormEvent, useState } from 'react';
import { MarkNoReachableContactDocument } from '../../api/generated/graphql';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../components/error-alert';
import { TextField } from '../../components/text-field';

/** "I tried and found nobody to talk to": stops the follow-up cadence for this application. */
export function NoReachableContactForm({ applicationId, onMarked }: { applicationId: string; onMarked(): void }) {
  const [markState, mark] = useMutation(MarkNoReachableContactDocument);
  const [reason, setReason] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await mark({ input: { applicationId, reason } })).data) onMarked();
  };

  return (
    <details className="quiet-details">
      <summary>I found nobody to talk to</summary>
      <form onSubmit={submit} className="inline-form" aria-label="No reachable contact">
        <TextField
          label="What did you try?"
          required
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit" disabled={markState.fetching}>
          Mark as unreachable
        </button>
      </form>
      <ErrorAlert error={markState.error} />
    </details>
  );
}
