import { ApiError, toApiError } from '../api/api-error';
import { TextField } from '../components/text-field';

/** The API's way of saying "the password was right; now the code from the authenticator app". */
export function asksForSecondFactor(failure: unknown): boolean {
  const error = toApiError(failure);
  return error instanceof ApiError && error.code === 'BAD_USER_INPUT' && error.field === 'input.otp';
}

export const SECOND_FACTOR_LABEL = 'Authentication code';

/** The code field of a sign-in form, shown once the API has asked for it. */
export function SecondFactorField({ value, onChange }: { value: string; onChange(value: string): void }) {
  return (
    <TextField
      label={SECOND_FACTOR_LABEL}
      autoComplete="one-time-code"
      autoFocus
      required
      spellCheck={false}
      maxLength={40}
      hint="The 6-digit code from your authenticator app, or one of your recovery codes."
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
