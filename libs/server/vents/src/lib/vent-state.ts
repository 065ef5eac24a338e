import { ActionStatus, VentState } from '@followthrough/shared-domain';

/**
 * A vent's state follows from its actions: OPEN with none, ACTIONED once it has one, RESOLVED when
 * every action is settled (done or dropped) and at least one was done. Dropping them all is not
 * resolving the vent: it stays ACTIONED.
 */
export function ventStateFor(statuses: ActionStatus[]): VentState {
  if (statuses.length === 0) return VentState.OPEN;
  const settled = statuses.every((status) => status !== ActionStatus.OPEN);
  return settled && statuses.includes(ActionStatus.DONE) ? VentState.RESOLVED : VentState.ACTIONED;
}
