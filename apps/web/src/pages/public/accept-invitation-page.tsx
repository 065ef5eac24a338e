import { FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { linkProblemOf } from '../../api/api-error';
import { AcceptInvitationDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { NewPasswordField } from '../../components/new-password-field';
import { PageTitle } from '../../components/page-title';
import { TextField } from '../../components/text-field';
import { useFieldError } from '../../components/use-field-error';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';
import { asksForSecondFactor, SECOND_FACTOR_LABEL, SecondFactorField } from '../../session/second-factor';
import { useSignInWith } from '../../session/use-sign-in-with';

const FIELD_LABELS = {
  token: 'Invitation link',
  name: 'Your name',
  password: 'Choose a password',
  otp: SECOND_FACTOR_LABEL,
};

/** Pulls the token out of what was pasted: the whole invitation link from the e-mail, or just its token. */
function tokenFrom(pasted: string): string {
  const trimmed = pasted.trim();
  try {
    return new URL(trimmed).searchParams.get('token') ?? trimmed;
  } catch {
    return trimmed;
  }
}

/**
 * Where the invitation e-mail's link lands. The link is the only copy of the invitation's token (nobody
 * else, the inviting admin included, ever sees it), so following it proves the mailbox. Opened without it,
 * the page asks for the link to be pasted, for someone who reads their mail on another device.
 */
export function AcceptInvitationPage() {
  const [, acceptInvitation] = useMutation(AcceptInvitationDocument);
  const [searchParams] = useSearchParams();
  const signInWith = useSignInWith();
  const linkToken = searchParams.get('token');
  const [pasted, setPasted] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [otpAsked, setOtpAsked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const { formRef, invalid } = useFieldError(error);
  // "This invitation is invalid, already used or expired; …" reads better as a sentence than after a label.
  const shown = linkProblemOf(error) ?? error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const token = linkToken ?? tokenFrom(pasted);
    const result = await acceptInvitation({ input: { token, name, password, ...(otpAsked ? { otp } : {}) } });
    if (result.data) {
      signInWith(result.data.acceptInvitation);
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
      <p className="muted">
        {linkToken
          ? 'You followed the invitation link your agency e-mailed you. Tell us your name and choose a password to join.'
          : 'Your agency e-mailed you an invitation link. Open it from that e-mail, or paste it below.'}{' '}
        Already have a Followthrough account with this address? Use its password.
      </p>
      <form ref={formRef} onSubmit={submit} className="card stack" aria-label="Accept invitation">
        {!linkToken && (
          <TextField
            label={FIELD_LABELS.token}
            name="token"
            aria-invalid={invalid('token')}
            hint="The whole link from the invitation e-mail."
            required
            autoComplete="off"
            spellCheck={false}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
          />
        )}
        <TextField
          label={FIELD_LABELS.name}
          name="name"
          aria-invalid={invalid('name')}
          autoComplete="name"
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <NewPasswordField
          label={FIELD_LABELS.password}
          name="password"
          invalid={invalid('password')}
          value={password}
          onChange={setPassword}
        />
        {otpAsked && <SecondFactorField value={otp} onChange={setOtp} />}
        <ErrorAlert error={shown} fieldLabels={FIELD_LABELS} />
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
