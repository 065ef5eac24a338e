import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { RequestPasswordResetDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { StatusMessage } from '../../components/status-message';
import { TextField } from '../../components/text-field';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';

const FIELD_LABELS = { email: 'E-mail' };

/** Asks for a reset link. The API answers the same for any address, so the page says the same too. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [, requestPasswordReset] = useMutation(RequestPasswordResetDocument);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const result = await requestPasswordReset({ input: { email } });
    if (result.data) setSent(true);
    else setError(result.error);
    setSubmitting(false);
  };

  return (
    <main className="auth-page">
      <PageTitle title="Forgot your password" />
      <h1>Forgot your password?</h1>
      <p className="muted">Enter the address you sign in with. If it has an account, we e-mail it a reset link.</p>
      <form onSubmit={submit} className="card stack" aria-label="Ask for a reset link">
        <TextField
          label={FIELD_LABELS.email}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <ErrorAlert error={error} fieldLabels={FIELD_LABELS} />
        {sent && (
          <StatusMessage>
            If {email} has an account, a reset link is on its way. It works once, for 30 minutes.
          </StatusMessage>
        )}
        <button type="submit" className="primary" disabled={submitting}>
          {submitting ? 'Sending…' : 'E-mail me a reset link'}
        </button>
      </form>
      <p className="auth-links">
        Remembered it? <AppLink to={paths.signIn}>Sign in</AppLink>
      </p>
    </main>
  );
}
