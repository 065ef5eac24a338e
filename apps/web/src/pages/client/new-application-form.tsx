import { FormEvent, useState } from 'react';
import { CreateApplicationDocument } from '../../api/generated/graphql';
import { ApplicationStage } from '@followthrough/shared-domain';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../components/error-alert';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { localFieldError, useFieldError } from '../../components/use-field-error';
import { todayLocal } from '../../format/format-date';
import { STAGE_LABELS } from '../../format/domain-labels';

const FIELD_LABELS = {
  companyName: 'Company',
  title: 'Job title',
  recruiterEmail: "Recruiter's e-mail",
  companyDomain: 'Company website',
  source: 'Where you found it',
  stage: 'Stage',
  appliedAt: 'Applied on',
};

const STAGE_OPTIONS = [ApplicationStage.APPLIED, ApplicationStage.SAVED].map((stage) => ({
  value: stage,
  label: STAGE_LABELS[stage],
}));
const EMPTY = {
  companyName: '',
  title: '',
  recruiterEmail: '',
  companyDomain: '',
  source: '',
  stage: ApplicationStage.APPLIED as string,
  appliedAt: '',
};

/** Adds an application; a recruiter's e-mail also tells the company's web domain and records the recruiter. */
export function NewApplicationForm({ onCreated }: { onCreated(applicationId: string): void }) {
  const [createState, create] = useMutation(CreateApplicationDocument);
  const [form, setForm] = useState(EMPTY);
  const [localError, setLocalError] = useState<unknown>(null);
  const set = (field: keyof typeof EMPTY, value: string) => setForm((current) => ({ ...current, [field]: value }));
  const error = localError ?? createState.error;
  const { formRef, invalid } = useFieldError(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    const today = todayLocal();
    if (form.appliedAt && form.appliedAt > today) {
      // Said before sending, on the field: a future date is a slip, not something to quietly change.
      setLocalError(localFieldError('appliedAt', 'cannot be in the future; pick today or an earlier day'));
      return;
    }
    // Today means now; an earlier day means that local day (noon keeps it there in every time zone nearby).
    const appliedAt = !form.appliedAt
      ? undefined
      : form.appliedAt === today
        ? new Date().toISOString()
        : new Date(`${form.appliedAt}T12:00:00`).toISOString();
    const input = {
      companyName: form.companyName,
      title: form.title,
      stage: form.stage as ApplicationStage,
      recruiterEmail: optional(form.recruiterEmail),
      companyDomain: optional(form.companyDomain),
      source: optional(form.source),
      appliedAt,
    };
    const answer = (await create({ input })).data;
    if (answer) {
      setForm(EMPTY);
      onCreated(answer.createApplication.id);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} className="card stack" aria-label="Add an application" noValidate>
      <h2>Add an application</h2>
      <div className="grid-2">
        <TextField
          label={FIELD_LABELS.companyName}
          name="companyName"
          aria-invalid={invalid('companyName')}
          required
          maxLength={160}
          value={form.companyName}
          onChange={(e) => set('companyName', e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.title}
          name="title"
          aria-invalid={invalid('title')}
          required
          maxLength={200}
          value={form.title}
          onChange={(e) => set('title', e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.recruiterEmail}
          name="recruiterEmail"
          aria-invalid={invalid('recruiterEmail')}
          type="email"
          hint="Optional. Its domain leads to the company's site and phone numbers."
          value={form.recruiterEmail}
          onChange={(e) => set('recruiterEmail', e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.companyDomain}
          name="companyDomain"
          aria-invalid={invalid('companyDomain')}
          placeholder="acme.com"
          value={form.companyDomain}
          onChange={(e) => set('companyDomain', e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.source}
          name="source"
          aria-invalid={invalid('source')}
          placeholder="Job board, referral…"
          maxLength={120}
          value={form.source}
          onChange={(e) => set('source', e.target.value)}
        />
        <SelectField
          label={FIELD_LABELS.stage}
          name="stage"
          aria-invalid={invalid('stage')}
          value={form.stage}
          onChange={(e) => set('stage', e.target.value)}
          options={STAGE_OPTIONS}
        />
        <TextField
          label={FIELD_LABELS.appliedAt}
          name="appliedAt"
          aria-invalid={invalid('appliedAt')}
          type="date"
          max={todayLocal()}
          hint="Leave empty for today."
          value={form.appliedAt}
          onChange={(e) => set('appliedAt', e.target.value)}
        />
      </div>
      <ErrorAlert error={error} fieldLabels={FIELD_LABELS} />
      <div>
        <button type="submit" className="primary" disabled={createState.fetching}>
          {createState.fetching ? 'Adding…' : 'Add application'}
        </button>
      </div>
    </form>
  );
}
