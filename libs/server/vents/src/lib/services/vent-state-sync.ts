import { EntityManager } from 'typeorm';
import { ActionStatus, VentState } from '@followthrough/shared-domain';
import { Action } from '../entities/action.entity';
import { Vent } from '../entities/vent.entity';
import { ventStateFor } from '../vent-state';

/**
 * Brings a vent's state in line with its actions, inside the caller's transaction. The vent row is
 * locked first, so two actions settled at once cannot both miss each other.
 */
export async function syncVentState(manager: EntityManager, agencyId: string, ventId: string): Promise<VentState> {
  const vent = await manager
    .getRepository(Vent)
    .createQueryBuilder('vent')
    .where('vent.agency_id = :agencyId AND vent.id = :ventId', { agencyId, ventId })
    .setLock('pessimistic_write')
    .getOneOrFail();
  const actions = await manager.find(Action, { where: { agencyId, ventId }, select: { status: true } });
  const state = ventStateFor(actions.map((action) => action.status as ActionStatus));
  if (state !== vent.state) await manager.update(Vent, { agencyId, id: ventId }, { state });
  return state;
}
