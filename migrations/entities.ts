import type { EntitySchema } from 'typeorm';
import { AuditEvent, ProcessHeartbeat } from '@followthrough/server-core';
import { IDENTITY_ENTITIES } from '@followthrough/server-identity';
import { PIPELINE_ENTITIES } from '@followthrough/server-pipeline';
import { VENTS_ENTITIES } from '@followthrough/server-vents';
import { REMINDERS_ENTITIES } from '@followthrough/server-reminders';
import { PLAYBOOKS_ENTITIES } from '@followthrough/server-playbooks';

export type EntityClass = (new () => unknown) | EntitySchema;

/**
 * Every entity, by bounded context: what migrations are generated against.
 * Contexts reference each other by id columns only (no cross-context foreign keys),
 * so one context's migration can be generated from its own entities.
 */
export const ENTITIES_BY_CONTEXT: Record<string, EntityClass[]> = {
  core: [AuditEvent, ProcessHeartbeat],
  identity: IDENTITY_ENTITIES,
  pipeline: PIPELINE_ENTITIES,
  vents: VENTS_ENTITIES,
  reminders: REMINDERS_ENTITIES,
  playbooks: PLAYBOOKS_ENTITIES,
};

export const ALL_ENTITIES: EntityClass[] = Object.values(ENTITIES_BY_CONTEXT).flat();
