import { FormEvent, useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { RegisterAgencyDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { AppLink } from '../../routing/app-link';
import { useNavigate } from 'react-router';
import { homePathFor, paths } from '../../routing/routes';
import { sessionFromAuthPayload } from '../../session/session';
import { useSession } from '../../session/session-context';
import { browserTimeZones } from './time-zones';
import { PageTitle } from '../../components/page-title';

const FIELD_LABELS = {
  agencyName: 'Agency name',
  timezone: 'Time zone',
  adminName: 'Your name',
  adminEmail: 'Your e-mail',
  adminPassword: 'Password',
};

export function RegisterAgencyPage() {
  const navigate = useNavigate();
  const { signIn } = useSession();
  const [, registerAgency] = useMutation(RegisterAgencyDocument);
  const timeZones = useMemo(() => browserTimeZones(), []);
  const [form, setForm] = useState({
    agencyName: '',
    timezone: timeZones.current,
    adminName: '',
    adminEmail: '',
    adminPassword: '',
  });
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const change = (field: keyof typeof form) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const result = await registerAgency({ input: form });
    if (result.data) {
      const session = sessionFromAuthPayload(result.data.registerAgency);
      signIn(session);
      navigate(homePathFor(session.membership.role), { replace: true });
    } else {
      setError(result.error);
      setSubmitting(false);
    }
  };

  return (
    <main className="auth-page">
      <PageTitle title="Register your agency" />
      <h1>Register your agency</h1>
      <p className="muted">You become its first admin; then you invite your coaches and clients.</p>
      <form onSubmit={submit} className="card stack" aria-label="Register your agency">
        <TextField
          label={FIELD_LABELS.agencyName}
          required
          maxLength={120}
          value={form.agencyName}
          onChange={(e) => change('agencyName')(e.target.value)}
        />
        <SelectField
          label={FIELD_LABELS.timezone}
          value={form.timezone}
          onChange={(e) => change('timezone')(e.target.value)}
          options={timeZones.all.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
        />
        <TextField
          label={FIELD_LABELS.adminName}
          autoComplete="name"
          required
          maxLength={120}
          value={form.adminName}
          onChange={(e) => change('adminName')(e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.adminEmail}
          type="email"
          autoComplete="email"
          required
          value={form.adminEmail}
          onChange={(e) => change('adminEmail')(e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.adminPassword}
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          maxLength={128}
          hint="At least 12 characters. A few unrelated words make a strong one."
          value={form.adminPassword}
          onChange={(e) => change('adminPassword')(e.target.value)}
        />
        <ErrorAlert error={error} fieldLabels={FIELD_LABELS} />
        <button type="submit" className="primary" disabled={submitting}>
          {submitting ? 'Creating…' : 'Create agency'}
        </button>
      </form>
      <p className="auth-links">
        Already registered? <AppLink to={paths.signIn}>Sign in</AppLink>
      </p>
    </main>
  );
}
