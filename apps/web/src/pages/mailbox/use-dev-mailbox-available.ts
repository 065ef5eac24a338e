import { useEffect, useState } from 'react';
import { DEV_MAILBOX_PROBE } from '../../api/mailbox-operations';
import { useSession } from '../../session/session-context';

/**
 * Whether this server has the development mailbox (`npm start` with its local mail sink). Production
 * servers refuse it and older ones lack it; either way the Mailbox link stays hidden.
 */
export function useDevMailboxAvailable(signedIn: boolean): boolean {
  const { request } = useSession();
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    if (!signedIn) return;
    let current = true;
    request(DEV_MAILBOX_PROBE).then(
      () => current && setAvailable(true),
      () => current && setAvailable(false),
    );
    return () => {
      current = false;
    };
  }, [request, signedIn]);
  return signedIn && available;
}
