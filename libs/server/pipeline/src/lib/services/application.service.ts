import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationStage } from '@followthrough/shared-domain';
import { Actor, AuditService, badInput } from '@followthrough/server-core';
import { companyDomainFromEmail, normalizeWebDomain } from '../company/company-name';
import {
  CreateApplicationInput,
  MarkNoReachableContactInput,
  UpdateApplicationStageInput,
} from '../dto/pipeline.inputs';
import { ApplicationView } from '../dto/pipeline.types';
import { Application } from '../entities/application.entity';
import { ApplicationStageChange } from '../entities/application-stage-change.entity';
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
  ) {}

  async create(actor: Actor, input: CreateApplicationInput): Promise<ApplicationView> {
    const clientUserId = await this.policy.clientForWrite(actor, input.clientUserId);
    const domain = this.domainOf(input);
    const stage = input.stage ?? ApplicationStage.APPLIED;
    const appliedAt = input.appliedAt ?? (stage === ApplicationStage.SAVED ? null : new Date());
    const onBehalf = this.policy.onBehalf(actor, clientUserId);

    return this.dataSource.transaction(async (manager) => {
      const company = await this.companies.findOrCreate(actor, manager, {
        name: input.companyName,
        domain,
        mainPhone: input.companyMainPhone,
        salesPhone: input.companySalesPhone,
      });
      const application = await manager.save(
        manager.create(Application, {
          agencyId: actor.agencyId,
          clientUserId,
          companyId: company.id,
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
      const fromStage = application.stage;
      if (fromStage === input.stage) throw badInput('input.stage', `the application is already at ${input.stage}`);
      application.stage = input.stage;
      if (!application.appliedAt && input.stage !== ApplicationStage.SAVED) application.appliedAt = new Date();
      const saved = await manager.save(application);
      const change = await this.recordStage(actor, manager, application, fromStage, input.stage, input.note || null);
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
          toStage: input.stage,
          occurredAt: change.changedAt,
        },
        manager,
      );
      return applicationView(saved);
    });
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
