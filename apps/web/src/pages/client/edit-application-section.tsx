import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import {
  ArchiveApplicationDocument,
  RestoreApplicationDocument,
  UpdateApplicationDocument,
} from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { StatusMessage } from '../../components/status-message';
import { TextField } from '../../components/text-field';
import { useFieldError } from '../../components/use-field-error';

const FIELD_LABELS = { title: 'Job title', companyName: 'Company', input: 'The edit' };

interface EditApplicationSectionProps {
  applicationId: string;
  title: string;
  companyName: string;
  archivedAt: string | null;
  onChanged(): void;
}

/** Fixes a typo in the title or company, and puts the application aside (archive) or back (restore). */
export function EditApplicationSection({
  applicationId,
  title,
  companyName,
  archivedAt,
  onChanged,
}: EditApplicationSectionProps) {
  const [updateState, update] = useMutation(UpdateApplicationDocument);
  const [archiveState, archive] = useMutation(ArchiveApplicationDocument);
  const [restoreState, restore] = useMutation(RestoreApplicationDocument);
  const [form, setForm] = useState({ title, companyName });
  const [done, setDone] = useState<string | null>(null);
  const { formRef, invalid } = useFieldError(updateState.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const input = {
      applicationId,
      ...(form.title.trim() !== title ? { title: form.title } : {}),
      ...(form.companyName.trim() !== companyName ? { companyName: form.companyName } : {}),
    };
    if ((await update({ input })).data) {
      setDone('Saved.');
      onChanged();
    }
  };

  const toggleArchived = async () => {
    setDone(null);
    const ok = archivedAt ? (await restore({ applicationId })).data : (await archive({ applicationId })).data;
    if (ok) {
      setDone(archivedAt ? 'Restored: it is back in your list.' : 'Archived: it is hidden from your list.');
      onChanged();
    }
  };

  return (
    <section className="card stack" aria-labelledby="edit-application-heading">
      <h2 id="edit-application-heading">Edit application</h2>
      <form ref={formRef} onSubmit={submit} className="stack" aria-label="Edit application" noValidate>
        <TextField
          label={FIELD_LABELS.title}
          name="title"
          aria-invalid={invalid('title')}
          value={form.title}
          onChange={(e) => setForm((current) => ({ ...current, title: e.target.value }))}
        />
        <TextField
          label={FIELD_LABELS.companyName}
          name="companyName"
          aria-invalid={invalid('companyName')}
          value={form.companyName}
          onChange={(e) => setForm((current) => ({ ...current, companyName: e.target.value }))}
        />
        <ErrorAlert error={updateState.error} fieldLabels={FIELD_LABELS} />
        <div>
          <button type="submit" disabled={updateState.fetching}>
            Save changes
          </button>
        </div>
      </form>
      <p className="muted small">
        {archivedAt
          ? 'This application is archived: hidden from your list, nothing deleted.'
          : 'Done with it? Archive it: it leaves your list and keeps its history.'}
      </p>
      <div>
        <button type="button" onClick={toggleArchived} disabled={archiveState.fetching || restoreState.fetching}>
          {archivedAt ? 'Restore application' : 'Archive application'}
        </button>
      </div>
      <ErrorAlert error={archiveState.error ?? restoreState.error} />
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}
