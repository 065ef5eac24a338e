import { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './navigation';

type AppLinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** A link to another page of the dashboard: a real <a href>, followed without a reload. */
export function AppLink({ to, onClick, children, ...rest }: AppLinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={follow} {...rest}>
      {children}
    </a>
  );
}
