import { useEffect } from 'react';
import { navigate } from './navigation';

/** Replaces the current address with another one as soon as it renders. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
