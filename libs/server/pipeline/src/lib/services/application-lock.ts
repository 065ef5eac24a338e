import { EntityManager } from 'typeorm';
import { Actor, notFound, whereScoped } from '@followthrough/server-core';
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
  const query = manager
    .getRepository(Application)
    .createQueryBuilder('application')
    .where('application.id = :applicationId', { applicationId });
  const application = await whereScoped(query, policy.clientRowScope(actor, 'application'))
    .setLock('pessimistic_write')
    .getOne();
  if (!application) throw notFound('Application');
  return application;
}
