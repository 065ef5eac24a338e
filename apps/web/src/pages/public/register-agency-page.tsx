import { FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { RegisterAgencyDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useFieldError } from '../../components/use-field-error';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';
import { browserTimeZones } from './time-zones';

const FIELD_LABELS = {
  agencyName: 'Agency name',
  timezone: 'Time zone',
  adminName: 'Your name',
  adminEmail: 'Your e-mail',
};

/** What the link was asked for: the page says it back, whatever the API knows about the address. */
interface Sent {
  email: string;
  agencyName: string;
}

/**
 * The first step of signing up: nothing is created here. The API e-mails the address a link, and the
 * agency comes into being when that link is followed (the verify-e-mail page). The API answers the same
 * for an address that already has an account, and so does this page.
 */
export function RegisterAgencyPage() {
  const [, registerAgency] = useMutation(RegisterAgencyDocument);
  const timeZones = useMemo(() => browserTimeZones(), []);
  const [form, setForm] = useState({ agencyName: '', timezone: timeZones.current, adminName: '', adminEmail: '' });
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const [backToForm, setBackToForm] = useState(false);
  const { formRef, invalid } = useFieldError(error);
  const change = (field: keyof typeof form) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));

  // Coming back from "check your inbox" to try another address: the person lands on the address.
  useEffect(() => {
    if (!backToForm) return;
    const email = formRef.current?.elements.namedItem('adminEmail');
    if (email instanceof HTMLInputElement) email.focus();
    setBackToForm(false);
  }, [backToForm, formRef]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const result = await registerAgency({ input: form });
    if (result.data) setSent({ email: form.adminEmail.trim(), agencyName: form.agencyName.trim() });
    else setError(result.error);
    setSubmitting(false);
  };

  const tryAnotherAddress = () => {
    setSent(null);
    setBackToForm(true);
  };

  return (
    <main className="auth-page">
      <PageTitle title={sent ? 'Check your inbox' : 'Register your agency'} />
      <h1>Register your agency</h1>
      {sent ? (
        <CheckYourInbox sent={sent} onTryAnotherAddress={tryAnotherAddress} />
      ) : (
        <>
          <p className="muted">
            You become its first admin; then you invite your coaches and clients. First we e-mail you a link, to make
            sure the address is yours.
          </p>
          <form ref={formRef} onSubmit={submit} className="card stack" aria-label="Register your agency">
            <TextField
              label={FIELD_LABELS.agencyName}
              name="agencyName"
              aria-invalid={invalid('agencyName')}
              required
              maxLength={120}
              value={form.agencyName}
              onChange={(e) => change('agencyName')(e.target.value)}
            />
            <SelectField
              label={FIELD_LABELS.timezone}
              name="timezone"
              aria-invalid={invalid('timezone')}
              value={form.timezone}
              onChange={(e) => change('timezone')(e.target.value)}
              options={timeZones.all.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
            />
            <TextField
              label={FIELD_LABELS.adminName}
              name="adminName"
              aria-invalid={invalid('adminName')}
              autoComplete="name"
              required
              maxLength={120}
              value={form.adminName}
              onChange={(e) => change('adminName')(e.target.value)}
            />
            <TextField
              label={FIELD_LABELS.adminEmail}
              name="adminEmail"
              aria-invalid={invalid('adminEmail')}
              type="email"
              autoComplete="email"
              required
              maxLength={254}
              value={form.adminEmail}
              onChange={(e) => change('adminEmail')(e.target.value)}
            />
            <ErrorAlert error={error} fieldLabels={FIELD_LABELS} />
            <button type="submit" className="primary" disabled={submitting}>
              {submitting ? 'Sending…' : 'E-mail me a link'}
            </button>
          </form>
        </>
      )}
      <p className="auth-links">
        Already registered? <AppLink to={paths.signIn}>Sign in</AppLink>
      </p>
    </main>
  );
}

/**
 * The same words whether or not the address can be used: an address that already has an account gets
 * an e-mail saying so, not a page that gives it away. It takes the focus, so it is read out at once.
 */
function CheckYourInbox({ sent, onTryAnotherAddress }: { sent: Sent; onTryAnotherAddress(): void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section ref={ref} tabIndex={-1} role="status" className="card stack" aria-labelledby="check-inbox-heading">
      <h2 id="check-inbox-heading">Check your inbox</h2>
      <p className="alert alert-success">
        If {sent.email} can be used, we sent it a link to finish creating {sent.agencyName}. It works for 24 hours.
      </p>
      <p>
        Nothing is created until you follow that link and choose your password. Nothing after a few minutes? Look in
        your spam folder, or check the address and send it again.
      </p>
      <button type="button" onClick={onTryAnotherAddress}>
        Use another address
      </button>
    </section>
  );
}
