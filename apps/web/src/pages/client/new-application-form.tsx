import { FormEvent, useState } from 'react';
import { CreateApplicationDocument } from '../../api/generated/graphql';
import { ApplicationStage } from '@followthrough/shared-domain';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../components/error-alert';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
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
  const set = (field: keyof typeof EMPTY, value: string) => setForm((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    // A date picked as "applied on" means that local day; noon keeps it on that day in every time zone nearby.
    const appliedAt = form.appliedAt ? new Date(`${form.appliedAt}T12:00:00`) : undefined;
    const input = {
      companyName: form.companyName,
      title: form.title,
      stage: form.stage as ApplicationStage,
      recruiterEmail: optional(form.recruiterEmail),
      companyDomain: optional(form.companyDomain),
      source: optional(form.source),
      appliedAt: appliedAt && appliedAt.getTime() > Date.now() ? new Date().toISOString() : appliedAt?.toISOString(),
    };
    const answer = (await create({ input })).data;
    if (answer) {
      setForm(EMPTY);
      onCreated(answer.createApplication.id);
    }
  };

  return (
    <form onSubmit={submit} className="card stack" aria-label="Add an application">
      <h2>Add an application</h2>
      <div className="grid-2">
        <TextField
          label={FIELD_LABELS.companyName}
          required
          maxLength={160}
          value={form.companyName}
          onChange={(e) => set('companyName', e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.title}
          required
          maxLength={200}
          value={form.title}
          onChange={(e) => set('title', e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.recruiterEmail}
          type="email"
          hint="Optional. Its domain leads to the company's site and phone numbers."
          value={form.recruiterEmail}
          onChange={(e) => set('recruiterEmail', e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.companyDomain}
          placeholder="acme.com"
          value={form.companyDomain}
          onChange={(e) => set('companyDomain', e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.source}
          placeholder="Job board, referral…"
          maxLength={120}
          value={form.source}
          onChange={(e) => set('source', e.target.value)}
        />
        <SelectField
          label={FIELD_LABELS.stage}
          value={form.stage}
          onChange={(e) => set('stage', e.target.value)}
          options={STAGE_OPTIONS}
        />
        <TextField
          label={FIELD_LABELS.appliedAt}
          type="date"
          hint="Leave empty for today."
          value={form.appliedAt}
          onChange={(e) => set('appliedAt', e.target.value)}
        />
      </div>
      <ErrorAlert error={createState.error} fieldLabels={FIELD_LABELS} />
      <div>
        <button type="submit" className="primary" disabled={createState.fetching}>
          {createState.fetching ? 'Adding…' : 'Add application'}
        </button>
      </div>
    </form>
  );
}
