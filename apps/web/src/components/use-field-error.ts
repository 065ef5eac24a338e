import { useEffect, useRef } from 'react';
import { ApiError, fieldOf } from '../api/api-error';

/**
 * Points an input error at its form field: the field named like the API's path (`name="actions.0.dueOn"`)
 * is marked invalid and gets the focus, so a person lands where the fix is.
 */
export function useFieldError(error: unknown) {
  const formRef = useRef<HTMLFormElement>(null);
  const field = error ? fieldOf(error) : undefined;
  useEffect(() => {
    if (!field) return;
    const target = formRef.current?.elements.namedItem(field);
    if (target instanceof HTMLElement) target.focus();
  }, [error, field]);
  return { formRef, invalid: (name: string): true | undefined => (field === name ? true : undefined) };
}

/** A mistake the page catches before sending, shaped like the API's own input error so it shows the same way. */
export function localFieldError(field: string, message: string): ApiError {
  return new ApiError(`input.${field}: ${message}`, 'BAD_USER_INPUT', `input.${field}`);
}
