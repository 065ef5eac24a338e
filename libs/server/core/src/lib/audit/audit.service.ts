import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuditEvent } from './audit-event.entity';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  subjectUserId?: string | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Records an event; pass the transaction's manager so the record commits or rolls back with the change. */
  async record(actor: Actor, record: AuditRecord, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditEvent) : this.events;
    await repository.insert({
      agencyId: actor.agencyId,
      actorUserId: actor.userId,
      subjectUserId: record.subjectUserId ?? null,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      onBehalf: !!record.subjectUserId && record.subjectUserId !== actor.userId,
    });
  }
}
