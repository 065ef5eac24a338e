import { FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { linkProblemOf } from '../../api/api-error';
import { CompleteSignUpDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { NewPasswordField } from '../../components/new-password-field';
import { PageTitle } from '../../components/page-title';
import { useFieldError } from '../../components/use-field-error';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';
import { useSignInWith } from '../../session/use-sign-in-with';

const FIELD_LABELS = { password: 'Password' };

/**
 * Where the sign-up e-mail's link lands: following it proves the address, the person chooses a password,
 * and the agency and its admin are created and signed in. The token comes from the link only.
 */
export function VerifyEmailPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [, completeSignUp] = useMutation(CompleteSignUpDocument);
  const signInWith = useSignInWith();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const { formRef, invalid } = useFieldError(error);
  // A link that is invalid, expired or already used: nothing on this page can mend it.
  const linkProblem = linkProblemOf(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const result = await completeSignUp({ input: { token, password } });
    if (result.data) {
      signInWith(result.data.completeSignUp);
    } else {
      setError(result.error);
      setSubmitting(false);
    }
  };

  return (
    <main className="auth-page">
      <PageTitle title="Finish signing up" />
      <h1>{token && !linkProblem ? 'Choose your password' : 'Finish signing up'}</h1>
      {!token ? (
        <p role="alert" className="alert alert-error">
          This page needs the link from your sign-up e-mail. <AppLink to={paths.register}>Sign up again</AppLink> to get
          one.
        </p>
      ) : linkProblem ? (
        <p role="alert" className="alert alert-error">
          {linkProblem} <AppLink to={paths.register}>Sign up again</AppLink> or{' '}
          <AppLink to={paths.signIn}>Sign in</AppLink>.
        </p>
      ) : (
        <>
          <p className="muted">
            You followed the link from your e-mail. Choose the password you will sign in with: your agency is then
            created, with you as its admin.
          </p>
          <form ref={formRef} onSubmit={submit} className="card stack" aria-label="Finish signing up">
            <NewPasswordField
              label={FIELD_LABELS.password}
              name="password"
              invalid={invalid('password')}
              value={password}
              onChange={setPassword}
            />
            <ErrorAlert error={error} fieldLabels={FIELD_LABELS} />
            <button type="submit" className="primary" disabled={submitting}>
              {submitting ? 'Creating…' : 'Create my agency'}
            </button>
          </form>
        </>
      )}
      {!linkProblem && (
        <p className="auth-links">
          Already have an account? <AppLink to={paths.signIn}>Sign in</AppLink>
        </p>
      )}
    </main>
  );
}
