import { EntityManager } from 'typeorm';
import { Actor, notFound } from '@followthrough/server-core';
import { Application } from '../entities/application.entity';
import { PipelinePolicy } from '../pipeline.policy';

/**
 * The application, locked for the rest of the transaction, when the actor may act on its client.
 * Missing, another client's and another agency's all answer NOT_FOUND.
 */
export async function lockApplication(
  policy: PipelinePolicy,
  actor: Actor,
  manager: EntityManager,
  applicationId: string,
): Promise<Application> {
  const scope = policy.clientScope(actor, 'application.client_user_id');
  const application = await manager
    .getRepository(Application)
    .createQueryBuilder('application')
    .where('application.agency_id = :agencyId AND application.id = :applicationId', {
      agencyId: actor.agencyId,
      applicationId,
    })
    .andWhere(scope.sql, scope.params)
    .setLock('pessimistic_write')
    .getOne();
  if (!application) throw notFound('Application');
  return application;
}
