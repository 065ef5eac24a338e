import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { ContactRole } from '@followthrough/shared-domain';
import {
  ContactFieldsFragment as Contact,
  DeleteContactDocument,
  UpdateContactDocument,
} from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useFieldError } from '../../components/use-field-error';
import { CONTACT_ROLE_LABELS, optionsOf } from '../../format/domain-labels';

const FIELD_LABELS = { name: 'Name', role: 'Role', phone: 'Phone', email: 'E-mail' };

/** Edit or delete one contact; an emptied phone or e-mail is removed. */
export function ContactEdit({ contact, onChanged }: { contact: Contact; onChanged(): void }) {
  const [mode, setMode] = useState<'idle' | 'edit' | 'delete'>('idle');
  const [updateState, update] = useMutation(UpdateContactDocument);
  const [deleteState, remove] = useMutation(DeleteContactDocument);
  const [form, setForm] = useState({
    name: contact.name,
    role: contact.role as string,
    phone: contact.phone ?? '',
    email: contact.email ?? '',
  });
  const { formRef, invalid } = useFieldError(updateState.error);
  const set = (field: keyof typeof form, value: string) => setForm((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      contactId: contact.id,
      name: form.name,
      role: form.role as ContactRole,
      phone: form.phone.trim(),
      email: form.email.trim(),
    };
    if ((await update({ input })).data) {
      setMode('idle');
      onChanged();
    }
  };

  if (mode === 'edit') {
    return (
      <form ref={formRef} onSubmit={submit} className="stack" aria-label={`Edit ${contact.name}`} noValidate>
        <div className="grid-2">
          <TextField
            label={FIELD_LABELS.name}
            name="name"
            aria-invalid={invalid('name')}
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
          />
          <SelectField
            label={FIELD_LABELS.role}
            name="role"
            aria-invalid={invalid('role')}
            value={form.role}
            onChange={(e) => set('role', e.target.value)}
            options={optionsOf(CONTACT_ROLE_LABELS)}
          />
          <TextField
            label={FIELD_LABELS.phone}
            name="phone"
            type="tel"
            aria-invalid={invalid('phone')}
            value={form.phone}
            onChange={(e) => set('phone', e.target.value)}
          />
          <TextField
            label={FIELD_LABELS.email}
            name="email"
            type="email"
            aria-invalid={invalid('email')}
            value={form.email}
            onChange={(e) => set('email', e.target.value)}
          />
        </div>
        <ErrorAlert error={updateState.error} fieldLabels={FIELD_LABELS} />
        <div className="inline-form">
          <button type="submit" className="primary" disabled={updateState.fetching}>
            Save contact
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
            <span>Delete {contact.name}?</span>
            <button
              type="button"
              className="primary"
              disabled={deleteState.fetching}
              onClick={async () => (await remove({ contactId: contact.id })).data && onChanged()}
            >
              Yes, delete
            </button>
            <button type="button" onClick={() => setMode('idle')}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => setMode('edit')} aria-label={`Edit ${contact.name}`}>
              Edit
            </button>
            <button type="button" onClick={() => setMode('delete')} aria-label={`Delete ${contact.name}`}>
              Delete
            </button>
          </>
        )}
      </div>
      <ErrorAlert error={deleteState.error} />
    </div>
  );
}
