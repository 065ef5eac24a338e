import { FormEvent, useState } from 'react';
import { AddContactDocument } from '../../api/generated/graphql';
import { ContactRole, ContactSource } from '@followthrough/shared-domain';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../components/error-alert';
import { useFieldError } from '../../components/use-field-error';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { CONTACT_ROLE_LABELS, CONTACT_SOURCE_LABELS, optionsOf } from '../../format/domain-labels';

const FIELD_LABELS = {
  name: 'Name',
  role: 'Their role',
  phone: 'Phone',
  email: 'E-mail',
  howFound: 'How you found them',
};
const EMPTY = {
  name: '',
  role: ContactRole.HIRING_MANAGER as string,
  phone: '',
  email: '',
  howFound: ContactSource.JOB_POST as string,
};

export function AddContactForm({ companyId, onAdded }: { companyId: string; onAdded(): void }) {
  const [addState, add] = useMutation(AddContactDocument);
  const { formRef, invalid } = useFieldError(addState.error);
  const [form, setForm] = useState(EMPTY);
  const set = (field: keyof typeof EMPTY, value: string) => setForm((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      companyId,
      name: form.name,
      role: form.role as ContactRole,
      howFound: form.howFound as ContactSource,
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      ...(form.email.trim() ? { email: form.email.trim() } : {}),
    };
    if ((await add({ input })).data) {
      setForm(EMPTY);
      onAdded();
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} className="stack" aria-label="Add a contact">
      <h3>Add a contact</h3>
      <div className="grid-2">
        <TextField
          label={FIELD_LABELS.name}
          name="name"
          aria-invalid={invalid('name')}
          required
          maxLength={120}
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
          aria-invalid={invalid('phone')}
          type="tel"
          value={form.phone}
          onChange={(e) => set('phone', e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.email}
          name="email"
          aria-invalid={invalid('email')}
          type="email"
          value={form.email}
          onChange={(e) => set('email', e.target.value)}
        />
        <SelectField
          label={FIELD_LABELS.howFound}
          name="howFound"
          aria-invalid={invalid('howFound')}
          value={form.howFound}
          onChange={(e) => set('howFound', e.target.value)}
          options={optionsOf(CONTACT_SOURCE_LABELS)}
        />
      </div>
      <ErrorAlert error={addState.error} fieldLabels={FIELD_LABELS} />
      <div>
        <button type="submit" disabled={addState.fetching}>
          Add contact
        </button>
      </div>
    </form>
  );
}
