import { ActionStatus, VentState } from '@followthrough/shared-domain';
import { ventStateFor } from './vent-state';

const { OPEN, DONE, DROPPED } = ActionStatus;

describe('ventStateFor', () => {
  it.each([
    [[], VentState.OPEN],
    [[OPEN], VentState.ACTIONED],
    [[OPEN, DONE], VentState.ACTIONED],
    [[DONE], VentState.RESOLVED],
    [[DONE, DROPPED], VentState.RESOLVED],
    [[DROPPED], VentState.ACTIONED],
    [[DROPPED, DROPPED], VentState.ACTIONED],
    [[DONE, DONE, OPEN], VentState.ACTIONED],
  ])('%j → %s', (statuses, state) => {
    expect(ventStateFor(statuses)).toBe(state);
  });
});
