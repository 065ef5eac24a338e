import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { SignInDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { TextField } from '../../components/text-field';
import { AppLink } from '../../routing/app-link';
import { paths, safeReturnPath } from '../../routing/routes';
import { useSession } from '../../session/session-context';
import { useSignInWith } from '../../session/use-sign-in-with';
import { asksForSecondFactor, SECOND_FACTOR_LABEL, SecondFactorField } from '../../session/second-factor';

const FIELD_LABELS = { email: 'E-mail', password: 'Password', otp: SECOND_FACTOR_LABEL };

export function SignInPage() {
  const { endedNotice } = useSession();
  const [, login] = useMutation(SignInDocument);
  const signInWith = useSignInWith();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [otpAsked, setOtpAsked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const result = await login({ input: otpAsked ? { email, password, otp } : { email, password } });
    if (result.data) {
      // On to the page asked for before signing in, or the role's home.
      signInWith(result.data.login, safeReturnPath(new URLSearchParams(window.location.search).get('next')));
    } else {
      // The first time, "enter your code" is the next step rather than an error.
      if (asksForSecondFactor(result.error) && !otpAsked) setOtpAsked(true);
      else setError(result.error);
      setSubmitting(false);
    }
  };

  return (
    <main className="auth-page">
      <PageTitle title="Sign in" />
      <h1>Sign in to Followthrough</h1>
      {endedNotice && !error && (
        <p role="status" className="alert alert-info">
          {endedNotice}
        </p>
      )}
      <form onSubmit={submit} className="card stack" aria-label="Sign in">
        <TextField
          label="E-mail"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {otpAsked && <SecondFactorField value={otp} onChange={setOtp} />}
        <ErrorAlert error={error} fieldLabels={FIELD_LABELS} />
        <button type="submit" className="primary" disabled={submitting}>
          {submitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth-links">
        <AppLink to={paths.forgotPassword}>Forgot password?</AppLink>
        <br />
        New agency? <AppLink to={paths.register}>Register your agency</AppLink>
        <br />
        Invited by your agency? <AppLink to={paths.acceptInvitation}>Accept your invitation</AppLink>
      </p>
    </main>
  );
}
