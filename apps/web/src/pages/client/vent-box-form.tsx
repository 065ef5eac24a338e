import { FormEvent, useState } from 'react';
import {
  ApplicationListItemFragment as ApplicationListItem,
  CreateVentDocument,
  SetVentSharingDocument,
} from '../../api/generated/graphql';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../components/error-alert';
import { SelectField } from '../../components/select-field';
import { StatusMessage } from '../../components/status-message';
import { SwitchField } from '../../components/switch-field';
import { TextAreaField } from '../../components/text-area-field';
import { localFieldError, useFieldError } from '../../components/use-field-error';
import { MOOD_LABELS } from '../../format/domain-labels';

/** The longest vent the API accepts. */
export const MAX_VENT_LENGTH = 5000;

const FIELD_LABELS = { text: "What's on your mind?", mood: 'How do you feel?', applicationId: 'About an application' };
const MOOD_OPTIONS = Object.entries(MOOD_LABELS).map(([value, label]) => ({ value, label: `${value} · ${label}` }));

/** A private place to let off steam; sharing it with the coach is a deliberate switch, off by default. */
export function VentBoxForm({ applications, onSaved }: { applications: ApplicationListItem[]; onSaved(): void }) {
  const [createVentState, createVent] = useMutation(CreateVentDocument);
  const [shareState, share] = useMutation(SetVentSharingDocument);
  const [text, setText] = useState('');
  const [mood, setMood] = useState('3');
  const [applicationId, setApplicationId] = useState('');
  const [shareWithCoach, setShareWithCoach] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [localError, setLocalError] = useState<unknown>(null);
  const error = localError ?? createVentState.error ?? shareState.error;
  const { formRef, invalid } = useFieldError(error);
  // No maxLength on the field: a long paste would be cut without a word. Say it, and keep every character.
  const over = text.length - MAX_VENT_LENGTH;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    setLocalError(null);
    if (over > 0) {
      setLocalError(
        localFieldError(
          'text',
          `is ${over} characters too long: shorten it to ${MAX_VENT_LENGTH} characters to save it`,
        ),
      );
      return;
    }
    const created = (
      await createVent({
        input: { text, mood: Number(mood), ...(applicationId ? { applicationId } : {}) },
      })
    ).data;
    if (!created) return;
    if (shareWithCoach && !(await share({ input: { ventId: created.createVent.id, shared: true } })).data) {
      onSaved();
      return;
    }
    setSaved(shareWithCoach ? 'Saved and shared with your coach.' : 'Saved. Only you can read it.');
    setText('');
    setApplicationId('');
    setShareWithCoach(false);
    onSaved();
  };

  return (
    <form ref={formRef} onSubmit={submit} className="card stack" aria-label="Vent box">
      <h2>Vent box</h2>
      <p className="muted">Job hunting is hard. Write it down; then we'll turn it into a next step.</p>
      <TextAreaField
        label={FIELD_LABELS.text}
        required
        rows={4}
        name="text"
        aria-invalid={over > 0 || invalid('text') ? true : undefined}
        hint={
          over > 0
            ? `${text.length} / ${MAX_VENT_LENGTH} characters: ${over} too many, shorten it before saving`
            : `${text.length} / ${MAX_VENT_LENGTH} characters`
        }
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="grid-2">
        <SelectField
          label={FIELD_LABELS.mood}
          value={mood}
          onChange={(e) => setMood(e.target.value)}
          options={MOOD_OPTIONS}
        />
        <SelectField
          label={FIELD_LABELS.applicationId}
          value={applicationId}
          onChange={(e) => setApplicationId(e.target.value)}
          placeholder="None in particular"
          options={applications.map((application) => ({
            value: application.id,
            label: `${application.title} at ${application.company.name}`,
          }))}
        />
      </div>
      <SwitchField
        label="Share with my coach"
        checked={shareWithCoach}
        onChange={setShareWithCoach}
        hint="Off: only you can read it. On: your coach can read it and help you plan."
      />
      <ErrorAlert error={error} fieldLabels={FIELD_LABELS} />
      <StatusMessage>{saved}</StatusMessage>
      <div>
        <button type="submit" className="primary" disabled={createVentState.fetching || shareState.fetching}>
          Save
        </button>
      </div>
    </form>
  );
}
