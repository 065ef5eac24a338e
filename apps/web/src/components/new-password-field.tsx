import { TextField } from './text-field';

type NewPasswordFieldProps = {
  label: string;
  value: string;
  onChange(value: string): void;
  /** The input's name, which the API's field errors point at ("password", "newPassword"). */
  name?: string;
  invalid?: true;
};

/**
 * The field where a person chooses a password (signing up, joining from an invitation, resetting it): the
 * API's own limits, and a password manager's offer to make one up.
 */
export function NewPasswordField({ label, value, onChange, name, invalid }: NewPasswordFieldProps) {
  return (
    <TextField
      label={label}
      name={name}
      aria-invalid={invalid}
      type="password"
      autoComplete="new-password"
      required
      minLength={12}
      maxLength={128}
      hint="At least 12 characters; common and breached passwords are refused. A few unrelated words make a strong one."
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
