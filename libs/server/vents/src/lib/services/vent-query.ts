import { EntityManager } from 'typeorm';
import { Actor, notFound, whereScoped } from '@followthrough/server-core';
import { Vent } from '../entities/vent.entity';
import { VentsPolicy } from '../vents.policy';

/** The vent when the actor may read it (optionally locked); NOT_FOUND otherwise, however it is denied. */
export async function readableVent(
  policy: VentsPolicy,
  actor: Actor,
  manager: EntityManager,
  ventId: string,
  lock = false,
): Promise<Vent> {
  const query = whereScoped(
    manager.getRepository(Vent).createQueryBuilder('vent').where('vent.id = :ventId', { ventId }),
    policy.ventScope(actor, 'vent'),
  );
  if (lock) query.setLock('pessimistic_write');
  const vent = await query.getOne();
  if (!vent) throw notFound('Vent');
  return vent;
}
