import { FormEvent, useState } from 'react';
import { ContactFieldsFragment as Contact, LogFollowUpDocument } from '../../api/generated/graphql';
import { FollowUpChannel, FollowUpDirection, FollowUpOutcome, FollowUpPurpose } from '@followthrough/shared-domain';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../components/error-alert';
import { useFieldError } from '../../components/use-field-error';
import { SelectField } from '../../components/select-field';
import { StatusMessage } from '../../components/status-message';
import { TextAreaField } from '../../components/text-area-field';
import { TextField } from '../../components/text-field';
import {
  CHANNEL_LABELS,
  DIRECTION_LABELS,
  optionsOf,
  OUTCOME_LABELS,
  PURPOSE_LABELS,
} from '../../format/domain-labels';
import { toDateTimeLocalValue } from '../../format/format-date';

interface LogFollowUpFormProps {
  applicationId: string;
  contacts: Contact[];
  /** Called after the touch is saved, to refresh the list it shows in. */
  onLogged(): void;
  /** "Log a follow-up for Sam" when a coach logs on a client's behalf. */
  heading?: string;
}

const FIELD_LABELS = {
  channel: 'Channel',
  purpose: 'Purpose',
  outcome: 'Outcome',
  direction: 'Who reached out',
  contactId: 'Contact',
  occurredAt: 'When',
  notes: 'Notes',
};

const EMPTY = {
  channel: FollowUpChannel.PHONE as string,
  purpose: FollowUpPurpose.STATUS_CHECK as string,
  outcome: '',
  direction: FollowUpDirection.OUTBOUND as string,
  contactId: '',
  occurredAt: '',
  notes: '',
};

/** Records one touch on an application: a call, a visit, a question to the Sales line, an e-mail. */
export function LogFollowUpForm({
  applicationId,
  contacts,
  onLogged,
  heading = 'Log a follow-up',
}: LogFollowUpFormProps) {
  const [logFollowUpState, logFollowUp] = useMutation(LogFollowUpDocument);
  const { formRef, invalid } = useFieldError(logFollowUpState.error);
  const [form, setForm] = useState(EMPTY);
  const [saved, setSaved] = useState<string | null>(null);
  const set = (field: keyof typeof EMPTY, value: string) => setForm((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const input = {
      applicationId,
      channel: form.channel as FollowUpChannel,
      purpose: form.purpose as FollowUpPurpose,
      direction: form.direction as FollowUpDirection,
      ...(form.outcome ? { outcome: form.outcome as FollowUpOutcome } : {}),
      ...(form.contactId ? { contactId: form.contactId } : {}),
      ...(form.occurredAt ? { occurredAt: new Date(form.occurredAt).toISOString() } : {}),
      ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
    };
    if ((await logFollowUp({ input })).data) {
      setSaved(`${CHANNEL_LABELS[form.channel as FollowUpChannel]} logged.`);
      setForm(EMPTY);
      onLogged();
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} className="card stack" aria-label={heading}>
      <h2>{heading}</h2>
      <div className="grid-2">
        <SelectField
          label={FIELD_LABELS.channel}
          name="channel"
          aria-invalid={invalid('channel')}
          value={form.channel}
          onChange={(e) => set('channel', e.target.value)}
          options={optionsOf(CHANNEL_LABELS)}
        />
        <SelectField
          label={FIELD_LABELS.purpose}
          name="purpose"
          aria-invalid={invalid('purpose')}
          value={form.purpose}
          onChange={(e) => set('purpose', e.target.value)}
          options={optionsOf(PURPOSE_LABELS)}
        />
        <SelectField
          label={FIELD_LABELS.outcome}
          name="outcome"
          aria-invalid={invalid('outcome')}
          value={form.outcome}
          onChange={(e) => set('outcome', e.target.value)}
          placeholder="Not known yet"
          options={optionsOf(OUTCOME_LABELS)}
        />
        <SelectField
          label={FIELD_LABELS.direction}
          name="direction"
          aria-invalid={invalid('direction')}
          value={form.direction}
          onChange={(e) => set('direction', e.target.value)}
          options={optionsOf(DIRECTION_LABELS)}
        />
        {contacts.length > 0 && (
          <SelectField
            label={FIELD_LABELS.contactId}
            name="contactId"
            aria-invalid={invalid('contactId')}
            value={form.contactId}
            onChange={(e) => set('contactId', e.target.value)}
            placeholder="Nobody in particular"
            options={contacts.map((contact) => ({ value: contact.id, label: contact.name }))}
          />
        )}
        <TextField
          label={FIELD_LABELS.occurredAt}
          name="occurredAt"
          aria-invalid={invalid('occurredAt')}
          type="datetime-local"
          hint="Leave empty for right now."
          max={toDateTimeLocalValue(new Date())}
          value={form.occurredAt}
          onChange={(e) => set('occurredAt', e.target.value)}
        />
      </div>
      {form.channel === FollowUpChannel.EMAIL && (
        <p className="hint">
          An e-mail is easy to leave unanswered. When you can, pick up the phone: a person is hard to ignore.
        </p>
      )}
      <TextAreaField
        label={FIELD_LABELS.notes}
        name="notes"
        aria-invalid={invalid('notes')}
        rows={3}
        maxLength={2000}
        value={form.notes}
        onChange={(e) => set('notes', e.target.value)}
      />
      <ErrorAlert error={logFollowUpState.error} fieldLabels={FIELD_LABELS} />
      <StatusMessage>{saved}</StatusMessage>
      <div>
        <button type="submit" className="primary" disabled={logFollowUpState.fetching}>
          {logFollowUpState.fetching ? 'Saving…' : 'Log follow-up'}
        </button>
      </div>
    </form>
  );
}
