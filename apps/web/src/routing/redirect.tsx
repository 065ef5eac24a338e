import { Navigate } from 'react-router';

/** Replaces the current address with another one as soon as it renders. */
export function Redirect({ to }: { to: string }) {
  return <Navigate to={to} replace />;
}
