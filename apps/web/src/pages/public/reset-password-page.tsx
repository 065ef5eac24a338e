import { FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { linkProblemOf } from '../../api/api-error';
import { ResetPasswordDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { NewPasswordField } from '../../components/new-password-field';
import { PageTitle } from '../../components/page-title';
import { StatusMessage } from '../../components/status-message';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';

const FIELD_LABELS = { token: 'Reset link', newPassword: 'New password' };

/** Where the reset e-mail's link lands: the token comes from the link, the person picks a new password. */
export function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [newPassword, setNewPassword] = useState('');
  const [, resetPassword] = useMutation(ResetPasswordDocument);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // A bad link reads better as a sentence than after the "Reset link" label.
  const shown = linkProblemOf(error) ?? error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const result = await resetPassword({ input: { token, newPassword } });
    if (result.data) setDone(true);
    else setError(result.error);
    setSubmitting(false);
  };

  return (
    <main className="auth-page">
      <PageTitle title="Choose a new password" />
      <h1>Choose a new password</h1>
      {!token && (
        <p role="alert" className="alert alert-error">
          This page needs the link from your reset e-mail. <AppLink to={paths.forgotPassword}>Ask for one</AppLink>.
        </p>
      )}
      {done ? (
        <StatusMessage>
          Your password is changed and every device was signed out. <AppLink to={paths.signIn}>Sign in</AppLink> with
          the new one.
        </StatusMessage>
      ) : (
        <form onSubmit={submit} className="card stack" aria-label="Reset password">
          <NewPasswordField
            label={FIELD_LABELS.newPassword}
            name="newPassword"
            value={newPassword}
            onChange={setNewPassword}
          />
          <ErrorAlert error={shown} fieldLabels={FIELD_LABELS} />
          <button type="submit" className="primary" disabled={submitting || !token}>
            {submitting ? 'Saving…' : 'Save new password'}
          </button>
        </form>
      )}
      <p className="auth-links">
        Link expired? <AppLink to={paths.forgotPassword}>Ask for a new one</AppLink>
      </p>
    </main>
  );
}
