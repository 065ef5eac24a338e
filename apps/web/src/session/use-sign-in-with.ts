import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useClient } from 'urql';
import type { AuthPayloadFieldsFragment } from '../api/generated/graphql';
import { prefetchRadarHome } from '../pages/coach/radar-first-page';
import { homePathFor } from '../routing/routes';
import { sessionFromAuthPayload } from './session';
import { useSession } from './session-context';

/**
 * What a page does with an answer that signs a person in (login, acceptInvitation, completeSignUp): the
 * session is adopted, and the person is taken to `returnTo` (a page of ours they asked for before) or
 * else to their role's home, whose first data is fetched together with its code.
 */
export function useSignInWith(): (payload: AuthPayloadFieldsFragment, returnTo?: string | null) => void {
  const { signIn } = useSession();
  const client = useClient();
  const navigate = useNavigate();
  return useCallback(
    (payload, returnTo = null) => {
      const session = sessionFromAuthPayload(payload);
      signIn(session);
      if (!returnTo) prefetchRadarHome(client, session.membership.role);
      navigate(returnTo ?? homePathFor(session.membership.role), { replace: true });
    },
    [signIn, client, navigate],
  );
}
