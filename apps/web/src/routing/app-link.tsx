import { Link, LinkProps } from 'react-router';

/** A link to another page of the dashboard: a real <a href>, followed without a reload. */
export function AppLink({ to, ...rest }: Omit<LinkProps, 'to'> & { to: string }) {
  return <Link to={to} {...rest} />;
}
