import { FormEvent, useState } from 'react';
import { Role } from '@followthrough/shared-domain';
import { useMutation } from 'urql';
import { InviteMemberDocument, InviteMemberMutation } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useFieldError } from '../../components/use-field-error';
import { optionsOf, ROLE_LABELS } from '../../format/domain-labels';
import { InvitationCreatedNotice } from './invitation-created-notice';

const FIELD_LABELS = { email: 'E-mail', role: 'Role' };
// Clients first: they are who an agency invites most.
const ROLE_OPTIONS = optionsOf({
  [Role.CLIENT]: ROLE_LABELS.CLIENT,
  [Role.COACH]: ROLE_LABELS.COACH,
  [Role.AGENCY_ADMIN]: ROLE_LABELS.AGENCY_ADMIN,
});

export function InviteMemberForm() {
  const [inviting, invite] = useMutation(InviteMemberDocument);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>(Role.CLIENT);
  const [created, setCreated] = useState<InviteMemberMutation['inviteMember'] | null>(null);
  // A refused address is marked on its field; MAIL_UNAVAILABLE (nothing was saved) is said for the whole form.
  const { formRef, invalid } = useFieldError(inviting.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const answer = (await invite({ input: { email, role } })).data;
    if (answer) {
      setCreated(answer.inviteMember);
      setEmail('');
    }
  };

  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a member</h2>
      <form ref={formRef} onSubmit={submit} className="inline-form" aria-label="Invite a member">
        <TextField
          label={FIELD_LABELS.email}
          name="email"
          aria-invalid={invalid('email')}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <SelectField
          label={FIELD_LABELS.role}
          name="role"
          aria-invalid={invalid('role')}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          options={ROLE_OPTIONS}
        />
        <button type="submit" className="primary" disabled={inviting.fetching}>
          {inviting.fetching ? 'Sending…' : 'Send invitation'}
        </button>
      </form>
      <ErrorAlert error={inviting.error} fieldLabels={FIELD_LABELS} />
      {created && <InvitationCreatedNotice invitation={created} />}
    </section>
  );
}
