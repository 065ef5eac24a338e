import { ReactNode } from 'react';

/** A polite confirmation ("Invitation created"), announced by screen readers. */
export function StatusMessage({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="status" className="alert alert-success">
      {children}
    </p>
  );
}
