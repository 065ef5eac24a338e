import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { AcceptInvitationDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { TextField } from '../../components/text-field';
import { AppLink } from '../../routing/app-link';
import { useNavigate, useSearchParams } from 'react-router';
import { homePathFor, paths } from '../../routing/routes';
import { sessionFromAuthPayload } from '../../session/session';
import { useSession } from '../../session/session-context';
import { PageTitle } from '../../components/page-title';
import { asksForSecondFactor, SECOND_FACTOR_LABEL, SecondFactorField } from '../../session/second-factor';

const FIELD_LABELS = {
  token: 'Invitation code',
  name: 'Your name',
  password: 'Choose a password',
  otp: SECOND_FACTOR_LABEL,
};

/** Pulls the token out of whatever was pasted: the code itself or the whole invitation link. */
function tokenFrom(pasted: string): string {
  const trimmed = pasted.trim();
  try {
    return new URL(trimmed).searchParams.get('token') ?? trimmed;
  } catch {
    return trimmed;
  }
}

export function AcceptInvitationPage() {
  const { signIn } = useSession();
  const [, acceptInvitation] = useMutation(AcceptInvitationDocument);
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const [token, setToken] = useState(() => searchParams.get('token') ?? '');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [otpAsked, setOtpAsked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const result = await acceptInvitation({
      input: { token: tokenFrom(token), name, password, ...(otpAsked ? { otp } : {}) },
    });
    if (result.data) {
      const session = sessionFromAuthPayload(result.data.acceptInvitation);
      signIn(session);
      navigate(homePathFor(session.membership.role), { replace: true });
    } else {
      // An existing account with two-step sign-in: its code is the next step, not an error.
      if (asksForSecondFactor(result.error) && !otpAsked) setOtpAsked(true);
      else setError(result.error);
      setSubmitting(false);
    }
  };

  return (
    <main className="auth-page">
      <PageTitle title="Join your agency" />
      <h1>Join your agency</h1>
      <p className="muted">Your agency sent you an invitation link. Open it, or paste it (or just its code) below.</p>
      <form onSubmit={submit} className="card stack" aria-label="Accept invitation">
        <TextField
          label={FIELD_LABELS.token}
          required
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.name}
          autoComplete="name"
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label={FIELD_LABELS.password}
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          maxLength={128}
          hint="At least 12 characters."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {otpAsked && <SecondFactorField value={otp} onChange={setOtp} />}
        <ErrorAlert error={error} fieldLabels={FIELD_LABELS} />
        <button type="submit" className="primary" disabled={submitting}>
          {submitting ? 'Joining…' : 'Join agency'}
        </button>
      </form>
      <p className="auth-links">
        Already have an account? <AppLink to={paths.signIn}>Sign in</AppLink>
      </p>
    </main>
  );
}
