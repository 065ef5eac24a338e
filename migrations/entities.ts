import { AuditEvent } from '@followthrough/server-core';
import { IDENTITY_ENTITIES } from '@followthrough/server-identity';

/** Every entity of every context: what migrations are generated against. */
export const ALL_ENTITIES = [AuditEvent, ...IDENTITY_ENTITIES];
