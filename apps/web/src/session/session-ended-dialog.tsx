import { FormEvent, useState } from 'react';
import { SignInDocument } from '../api/generated/graphql';
import { sessionClient } from '../api/graphql-client';
import { ErrorAlert } from '../components/error-alert';
import { TextField } from '../components/text-field';
import { Session, sessionFromAuthPayload } from './session';
import { asksForSecondFactor, SECOND_FACTOR_LABEL, SecondFactorField } from './second-factor';

interface SessionEndedDialogProps {
  session: Session;
  onSignedIn(session: Session): void;
  onSignOut(): void;
}

/**
 * Shown over the page when the session ends and cannot be refreshed (signed out elsewhere, password
 * changed, idle too long). The page stays mounted underneath, so whatever was being typed is still
 * there after signing in again; only the action that failed needs to be sent again.
 */
export function SessionEndedDialog({ session, onSignedIn, onSignOut }: SessionEndedDialogProps) {
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [otpAsked, setOtpAsked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const input = {
      email: session.user.email,
      password,
      agencyId: session.membership.agency.id,
      ...(otpAsked ? { otp } : {}),
    };
    const result = await sessionClient.mutation(SignInDocument, { input }).toPromise();
    if (result.data) {
      onSignedIn(sessionFromAuthPayload(result.data.login));
    } else {
      if (asksForSecondFactor(result.error) && !otpAsked) setOtpAsked(true);
      else setError(result.error);
      setSubmitting(false);
    }
  };

  return (
    <div className="session-ended-backdrop">
      <form
        role="dialog"
        aria-modal="true"
        aria-label="Session ended"
        className="card stack session-ended"
        onSubmit={submit}
      >
        <h2>Your session has ended</h2>
        <p>Sign in again to carry on where you left off: what you typed on this page is kept. Then send it again.</p>
        <p>
          Signed in as <strong>{session.user.email}</strong>
        </p>
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          autoFocus
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {otpAsked && <SecondFactorField value={otp} onChange={setOtp} />}
        <ErrorAlert error={error} fieldLabels={{ password: 'Password', otp: SECOND_FACTOR_LABEL }} />
        <div className="actions">
          <button type="submit" className="primary" disabled={submitting}>
            {submitting ? 'Signing in…' : 'Sign in again'}
          </button>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </form>
    </div>
  );
}
