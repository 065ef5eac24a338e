import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { FollowUpChannel, FollowUpOutcome } from '@followthrough/shared-domain';
import {
  CorrectFollowUpDocument,
  DeleteFollowUpDocument,
  FollowUpFieldsFragment as FollowUp,
} from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { SelectField } from '../../components/select-field';
import { TextAreaField } from '../../components/text-area-field';
import { useFieldError } from '../../components/use-field-error';
import { CHANNEL_LABELS, OUTCOME_LABELS, optionsOf } from '../../format/domain-labels';

/** The API lets a touch's author correct or delete it for this long after logging it. */
export const FOLLOW_UP_EDIT_WINDOW_MS = 24 * 3_600_000;

const FIELD_LABELS = { channel: 'Channel', outcome: 'Outcome', notes: 'Notes', followUpId: 'This touch' };

/** Whether the signed-in person may still correct or delete this touch (its author, within 24 hours). */
export function canEditFollowUp(followUp: FollowUp, userId: string, now = Date.now()): boolean {
  return followUp.loggedByUserId === userId && now - new Date(followUp.createdAt).getTime() < FOLLOW_UP_EDIT_WINDOW_MS;
}

/** Correct or delete a touch just logged: a slip fixed on the spot instead of a wrong record for good. */
export function FollowUpEdit({ followUp, onChanged }: { followUp: FollowUp; onChanged(): void }) {
  const [mode, setMode] = useState<'idle' | 'correct' | 'delete'>('idle');
  const [correctState, correct] = useMutation(CorrectFollowUpDocument);
  const [deleteState, remove] = useMutation(DeleteFollowUpDocument);
  const [form, setForm] = useState({
    channel: followUp.channel as string,
    outcome: (followUp.outcome ?? '') as string,
    notes: followUp.notes ?? '',
  });
  const { formRef, invalid } = useFieldError(correctState.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      followUpId: followUp.id,
      channel: form.channel as FollowUpChannel,
      ...(form.outcome ? { outcome: form.outcome as FollowUpOutcome } : {}),
      notes: form.notes.trim(),
    };
    if ((await correct({ input })).data) {
      setMode('idle');
      onChanged();
    }
  };

  if (mode === 'correct') {
    return (
      <form ref={formRef} onSubmit={submit} className="stack" aria-label="Correct this touch">
        <div className="grid-2">
          <SelectField
            label={FIELD_LABELS.channel}
            name="channel"
            aria-invalid={invalid('channel')}
            value={form.channel}
            onChange={(e) => setForm((current) => ({ ...current, channel: e.target.value }))}
            options={optionsOf(CHANNEL_LABELS)}
          />
          <SelectField
            label={FIELD_LABELS.outcome}
            name="outcome"
            aria-invalid={invalid('outcome')}
            value={form.outcome}
            onChange={(e) => setForm((current) => ({ ...current, outcome: e.target.value }))}
            placeholder="Not known yet"
            options={optionsOf(OUTCOME_LABELS)}
          />
        </div>
        <TextAreaField
          label={FIELD_LABELS.notes}
          name="notes"
          aria-invalid={invalid('notes')}
          rows={2}
          value={form.notes}
          onChange={(e) => setForm((current) => ({ ...current, notes: e.target.value }))}
        />
        <ErrorAlert error={correctState.error} fieldLabels={FIELD_LABELS} />
        <div className="inline-form">
          <button type="submit" className="primary" disabled={correctState.fetching}>
            Save correction
          </button>
          <button type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="stack">
      <div className="inline-form">
        {mode === 'delete' ? (
          <>
            <span>Delete this touch?</span>
            <button
              type="button"
              className="primary"
              disabled={deleteState.fetching}
              onClick={async () => (await remove({ followUpId: followUp.id })).data && onChanged()}
            >
              Yes, delete it
            </button>
            <button type="button" onClick={() => setMode('idle')}>
              Keep it
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => setMode('correct')}>
              Correct
            </button>
            <button type="button" onClick={() => setMode('delete')}>
              Delete
            </button>
          </>
        )}
      </div>
      <ErrorAlert error={deleteState.error} fieldLabels={FIELD_LABELS} />
    </div>
  );
}
