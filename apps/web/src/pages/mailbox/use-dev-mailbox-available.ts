import { useQuery } from 'urql';
import { DevMailboxProbeDocument } from '../../api/generated/graphql';

/**
 * Whether this server has the development mailbox (`npm start` with its local mail sink). Production
 * servers refuse it and older ones lack it; either way the Mailbox link stays hidden.
 */
export function useDevMailboxAvailable(signedIn: boolean): boolean {
  const [probe] = useQuery({ query: DevMailboxProbeDocument, pause: !signedIn, requestPolicy: 'cache-first' });
  return signedIn && probe.data !== undefined && !probe.error;
}
