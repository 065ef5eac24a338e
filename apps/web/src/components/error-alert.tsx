import { describeError } from '../api/api-error';

interface ErrorAlertProps {
  error: unknown;
  /** Labels of the form's fields by input name, to name a failing field as the form does. */
  fieldLabels?: Record<string, string>;
}

/** An error message that screen readers announce; renders nothing when there is no error. */
export function ErrorAlert({ error, fieldLabels }: ErrorAlertProps) {
  if (!error) return null;
  return (
    <p role="alert" className="alert alert-error">
      {describeError(error, fieldLabels)}
    </p>
  );
}
