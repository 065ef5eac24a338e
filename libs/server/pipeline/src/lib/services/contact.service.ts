import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ContactRole, ContactSource, normalizeEmail } from '@followthrough/shared-domain';
import { Actor, AuditService, badInput, notFound, whereScoped } from '@followthrough/server-core';
import { contactNameFromEmail } from '../company/company-name';
import { AddContactInput, UpdateContactInput } from '../dto/pipeline.inputs';
import { ContactView } from '../dto/pipeline.types';
import { Application } from '../entities/application.entity';
import { Contact } from '../entities/contact.entity';
import { PipelinePolicy } from '../pipeline.policy';
import { contactView } from './pipeline-views';

/** The people a client finds at the companies they applied to. */
@Injectable()
export class ContactService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: PipelinePolicy,
    private readonly audit: AuditService,
  ) {}

  /**
   * Adds a person at a company the client has applied to. The same e-mail address at the same
   * company is one contact: what was missing (phone, name) is filled in instead of a duplicate.
   */
  async add(actor: Actor, input: AddContactInput): Promise<ContactView> {
    const clientUserId = await this.policy.clientForWrite(actor, input.clientUserId);
    const email = input.email ? normalizeEmail(input.email) : null;
    return this.dataSource.transaction(async (manager) => {
      const appliedThere = await manager.existsBy(Application, {
        agencyId: actor.agencyId,
        clientUserId,
        companyId: input.companyId,
      });
      // A company the client has no application at is not theirs to see.
      if (!appliedThere) throw notFound('Company');

      const existing = email ? await this.byEmail(manager, actor.agencyId, clientUserId, input.companyId, email) : null;
      let contact: Contact;
      if (existing) {
        if (!existing.phone && input.phone) existing.phone = input.phone;
        if (existing.name.startsWith('Recruiter (')) existing.name = input.name;
        contact = await manager.save(existing);
      } else {
        contact = await manager.save(
          manager.create(Contact, {
            agencyId: actor.agencyId,
            clientUserId,
            companyId: input.companyId,
            name: input.name,
            role: input.role,
            phone: input.phone || null,
            email,
            howFound: input.howFound,
            addedByUserId: actor.userId,
            onBehalf: this.policy.onBehalf(actor, clientUserId),
          }),
        );
      }
      await this.audit.record(
        actor,
        { action: 'contact.added', entityType: 'Contact', entityId: contact.id, subjectUserId: clientUserId },
        manager,
      );
      return contactView(contact);
    });
  }

  /** The recruiter behind an e-mail address, as a contact found through its domain. Inside the caller's transaction. */
  async ensureRecruiter(
    actor: Actor,
    manager: EntityManager,
    spec: { clientUserId: string; companyId: string; email: string },
  ): Promise<Contact> {
    const email = normalizeEmail(spec.email);
    const existing = await this.byEmail(manager, actor.agencyId, spec.clientUserId, spec.companyId, email);
    if (existing) return existing;
    return manager.save(
      manager.create(Contact, {
        agencyId: actor.agencyId,
        clientUserId: spec.clientUserId,
        companyId: spec.companyId,
        name: contactNameFromEmail(email),
        role: ContactRole.RECRUITER,
        phone: null,
        email,
        howFound: ContactSource.EMAIL_DOMAIN,
        addedByUserId: actor.userId,
        onBehalf: this.policy.onBehalf(actor, spec.clientUserId),
      }),
    );
  }

  private byEmail(manager: EntityManager, agencyId: string, clientUserId: string, companyId: string, email: string) {
    return manager.findOneBy(Contact, { agencyId, clientUserId, companyId, email });
  }
  /** Corrects a contact's name, role, phone or e-mail; an empty phone or e-mail removes it. */
  async update(actor: Actor, input: UpdateContactInput): Promise<ContactView> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await this.reachable(actor, manager, input.contactId);
      const patch: Partial<Contact> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.role !== undefined) patch.role = input.role;
      if (input.phone !== undefined) patch.phone = input.phone || null;
      if (input.email !== undefined) patch.email = input.email ? normalizeEmail(input.email) : null;
      if (Object.keys(patch).length === 0) throw badInput('input', 'changes nothing: give what to correct');
      await manager.update(Contact, { agencyId: actor.agencyId, id: contact.id }, patch);
      Object.assign(contact, patch);
      await this.audit.record(
        actor,
        { action: 'contact.edited', entityType: 'Contact', entityId: contact.id, subjectUserId: contact.clientUserId },
        manager,
      );
      return contactView(contact);
    });
  }

  /** Soft: the contact leaves the application's list; touches that named it keep their history. */
  async delete(actor: Actor, contactId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await this.reachable(actor, manager, contactId);
      await manager.softDelete(Contact, { agencyId: actor.agencyId, id: contact.id });
      await this.audit.record(
        actor,
        { action: 'contact.deleted', entityType: 'Contact', entityId: contact.id, subjectUserId: contact.clientUserId },
        manager,
      );
      return true;
    });
  }

  /** A contact of a client the actor may act for, locked; anything else is NOT_FOUND. */
  private async reachable(actor: Actor, manager: EntityManager, contactId: string): Promise<Contact> {
    const query = manager
      .getRepository(Contact)
      .createQueryBuilder('contact')
      .where('contact.id = :contactId', { contactId });
    const contact = await whereScoped(query, this.policy.clientRowScope(actor, 'contact'))
      .setLock('pessimistic_write')
      .getOne();
    if (!contact) throw notFound('Contact');
    return contact;
  }
}
