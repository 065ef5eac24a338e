import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationStage } from '@followthrough/shared-domain';
import { Actor, AuditService, badInput, ClientChanges, notFound } from '@followthrough/server-core';
import { companyDomainFromEmail, normalizeWebDomain } from '../company/company-name';
import {
  ConfirmCompanyDetailsInput,
  CreateApplicationInput,
  MarkNoReachableContactInput,
  UpdateApplicationInput,
  UpdateApplicationStageInput,
} from '../dto/pipeline.inputs';
import { ApplicationView } from '../dto/pipeline.types';
import { Application } from '../entities/application.entity';
import { ApplicationStageChange } from '../entities/application-stage-change.entity';
import { Company } from '../entities/company.entity';
import { PipelinePolicy } from '../pipeline.policy';
import { lockApplication } from './application-lock';
import { CompanyService } from './company.service';
import { ContactService } from './contact.service';
import { PipelineEvents } from './pipeline-events.service';
import { applicationView } from './pipeline-views';

/** Creating applications and moving them through their stages. */
@Injectable()
export class ApplicationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: PipelinePolicy,
    private readonly companies: CompanyService,
    private readonly contacts: ContactService,
    private readonly events: PipelineEvents,
    private readonly audit: AuditService,
    private readonly changes: ClientChanges,
  ) {}

  async create(actor: Actor, input: CreateApplicationInput): Promise<ApplicationView> {
    const clientUserId = await this.policy.clientForWrite(actor, input.clientUserId);
    const domain = this.domainOf(input);
    const stage = input.stage ?? ApplicationStage.APPLIED;
    const appliedAt = input.appliedAt ?? (stage === ApplicationStage.SAVED ? null : new Date());
    const onBehalf = this.policy.onBehalf(actor, clientUserId);

    return this.dataSource.transaction(async (manager) => {
      const company = await this.companies.findOrCreate(actor, manager, input.companyName, domain);
      const application = await manager.save(
        manager.create(Application, {
          agencyId: actor.agencyId,
          clientUserId,
          companyId: company.id,
          // The client's word about the company stays theirs until a coach or admin confirms it.
          companyDomain: domain,
          companyMainPhone: input.companyMainPhone || null,
          companySalesPhone: input.companySalesPhone || null,
          title: input.title,
          source: input.source || null,
          stage,
          appliedAt,
          lastTouchAt: null,
          noReachableContact: false,
          noReachableContactReason: null,
          createdByUserId: actor.userId,
          onBehalf,
        }),
      );
      const change = await this.recordStage(actor, manager, application, null, stage, null);
      if (input.recruiterEmail) {
        await this.contacts.ensureRecruiter(actor, manager, {
          clientUserId,
          companyId: company.id,
          email: input.recruiterEmail,
        });
      }
      await this.audit.record(
        actor,
        {
          action: 'application.created',
          entityType: 'Application',
          entityId: application.id,
          subjectUserId: clientUserId,
        },
        manager,
      );
      await this.events.emitStageChanged(
        {
          ...this.eventBase(actor, application),
          stageChangeId: change.id,
          fromStage: null,
          toStage: stage,
          occurredAt: change.changedAt,
        },
        manager,
      );
      return applicationView(application);
    });
  }

  async updateStage(actor: Actor, input: UpdateApplicationStageInput): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const application = await lockApplication(this.policy, actor, manager, input.applicationId);
      if (application.stage === input.stage)
        throw badInput('input.stage', `the application is already at ${input.stage}`);
      return applicationView(await this.moveStage(actor, manager, application, input.stage, input.note || null));
    });
  }

  /** Corrects the title or company, or moves the stage (through the same path as updateApplicationStage). */
  async update(actor: Actor, input: UpdateApplicationInput): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      let application = await lockApplication(this.policy, actor, manager, input.applicationId);
      const patch: Partial<Application> = {};
      if (input.title !== undefined && input.title !== application.title) patch.title = input.title;
      if (input.companyName !== undefined) {
        const company = await this.companies.findOrCreate(actor, manager, input.companyName, null);
        if (company.id !== application.companyId) patch.companyId = company.id;
      }
      const newStage = input.stage !== undefined && input.stage !== application.stage ? input.stage : null;
      if (Object.keys(patch).length === 0 && !newStage)
        throw badInput('input', 'changes nothing: give a new title, company or stage');
      if (Object.keys(patch).length > 0) {
        await manager.update(Application, { agencyId: actor.agencyId, id: application.id }, patch);
        application = Object.assign(application, patch);
        await this.audit.record(
          actor,
          {
            action: 'application.edited',
            entityType: 'Application',
            entityId: application.id,
            subjectUserId: application.clientUserId,
          },
          manager,
        );
      }
      if (newStage) application = await this.moveStage(actor, manager, application, newStage, input.note || null);
      return applicationView(application);
    });
  }

  /** Archived applications leave the lists (unless asked for) but keep their history. */
  async setArchived(actor: Actor, applicationId: string, archived: boolean): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const application = await lockApplication(this.policy, actor, manager, applicationId);
      if (archived === (application.archivedAt !== null))
        throw badInput(
          'applicationId',
          archived ? 'this application is already archived' : 'this application is not archived',
        );
      application.archivedAt = archived ? new Date() : null;
      await manager.update(
        Application,
        { agencyId: actor.agencyId, id: application.id },
        { archivedAt: application.archivedAt },
      );
      await this.audit.record(
        actor,
        {
          action: archived ? 'application.archived' : 'application.restored',
          entityType: 'Application',
          entityId: application.id,
          subjectUserId: application.clientUserId,
        },
        manager,
      );
      await this.changes.changed(manager, actor.agencyId, application.clientUserId);
      return applicationView(application);
    });
  }

  private async moveStage(
    actor: Actor,
    manager: EntityManager,
    application: Application,
    toStage: ApplicationStage,
    note: string | null,
  ): Promise<Application> {
    const fromStage = application.stage;
    application.stage = toStage;
    if (!application.appliedAt && toStage !== ApplicationStage.SAVED) application.appliedAt = new Date();
    const saved = await manager.save(application);
    const change = await this.recordStage(actor, manager, application, fromStage, toStage, note);
    await this.audit.record(
      actor,
      {
        action: 'application.stageChanged',
        entityType: 'Application',
        entityId: application.id,
        subjectUserId: application.clientUserId,
      },
      manager,
    );
    await this.events.emitStageChanged(
      {
        ...this.eventBase(actor, application),
        stageChangeId: change.id,
        fromStage,
        toStage,
        occurredAt: change.changedAt,
      },
      manager,
    );
    return saved;
  }

  async markNoReachableContact(actor: Actor, input: MarkNoReachableContactInput): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const application = await lockApplication(this.policy, actor, manager, input.applicationId);
      const firstTime = !application.noReachableContact;
      application.noReachableContact = true;
      application.noReachableContactReason = input.reason;
      const saved = await manager.save(application);
      await this.audit.record(
        actor,
        {
          action: 'application.noReachableContact',
          entityType: 'Application',
          entityId: application.id,
          subjectUserId: application.clientUserId,
        },
        manager,
      );
      if (firstTime)
        await this.events.emitNoReachableContact(
          { ...this.eventBase(actor, application), occurredAt: saved.updatedAt },
          manager,
        );
      return applicationView(saved);
    });
  }

  /**
   * Makes the company's domain and phones the agency's: what the coach or admin typed, else what the
   * application's client supplied, else what was confirmed before.
   */
  async confirmCompanyDetails(actor: Actor, input: ConfirmCompanyDetailsInput): Promise<ApplicationView> {
    this.policy.assertMayConfirmCompanyDetails(actor);
    const typedDomain = input.domain ? normalizeWebDomain(input.domain) : null;
    if (input.domain && !typedDomain) throw badInput('input.domain', 'must be a web domain such as acme.io');
    return this.dataSource.transaction(async (manager) => {
      const application = await lockApplication(this.policy, actor, manager, input.applicationId);
      const company = await manager
        .getRepository(Company)
        .createQueryBuilder('company')
        .where('company.agency_id = :agencyId AND company.id = :id', {
          agencyId: actor.agencyId,
          id: application.companyId,
        })
        .setLock('pessimistic_write')
        .getOne();
      if (!company) throw notFound('Company');
      const next = {
        domain: typedDomain ?? application.companyDomain ?? company.domain,
        mainPhone: input.mainPhone || application.companyMainPhone || company.mainPhone,
        salesPhone: input.salesPhone || application.companySalesPhone || company.salesPhone,
      };
      if (!next.domain && !next.mainPhone && !next.salesPhone)
        throw badInput('input', "nothing to confirm: the client gave no domain or phone; type the company's");
      if (next.domain && next.domain !== company.domain) {
        const holder = await manager.getRepository(Company).findOne({
          where: { agencyId: actor.agencyId, domain: next.domain },
          select: { id: true, name: true },
        });
        if (holder && holder.id !== company.id)
          throw badInput('input.domain', `${holder.name} already has this domain confirmed`);
      }
      await manager.update(
        Company,
        { agencyId: actor.agencyId, id: company.id },
        { ...next, detailsConfirmedAt: new Date(), detailsConfirmedByUserId: actor.userId },
      );
      await this.audit.record(
        actor,
        {
          action: 'company.detailsConfirmed',
          entityType: 'Company',
          entityId: company.id,
          subjectUserId: application.clientUserId,
        },
        manager,
      );
      return applicationView(application);
    });
  }

  private domainOf(input: CreateApplicationInput): string | null {
    if (input.companyDomain) {
      const domain = normalizeWebDomain(input.companyDomain);
      if (!domain) throw badInput('input.companyDomain', 'must be a web domain such as acme.io');
      return domain;
    }
    return input.recruiterEmail ? companyDomainFromEmail(input.recruiterEmail) : null;
  }

  private recordStage(
    actor: Actor,
    manager: EntityManager,
    application: Application,
    fromStage: ApplicationStage | null,
    toStage: ApplicationStage,
    note: string | null,
  ): Promise<ApplicationStageChange> {
    return manager.save(
      manager.create(ApplicationStageChange, {
        agencyId: actor.agencyId,
        applicationId: application.id,
        fromStage,
        toStage,
        note,
        changedByUserId: actor.userId,
        onBehalf: this.policy.onBehalf(actor, application.clientUserId),
      }),
    );
  }

  private eventBase(actor: Actor, application: Application) {
    return {
      agencyId: actor.agencyId,
      clientUserId: application.clientUserId,
      applicationId: application.id,
      actorUserId: actor.userId,
    };
  }
}
