import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApplicationStageChange } from '../entities/application-stage-change.entity';
import { Company } from '../entities/company.entity';
import { Contact } from '../entities/contact.entity';
import { FollowUp } from '../entities/follow-up.entity';
import { MAX_NESTED_LIST_SIZE } from '@followthrough/shared-domain';

/** A client's contacts at one company. */
export interface ContactKey {
  companyId: string;
  clientUserId: string;
}

/**
 * One statement per batch of parents, whatever their number: what the request-scoped DataLoaders
 * call. The parents were authorized when they were read; these only narrow to the agency. Each
 * parent gets at most MAX_NESTED_LIST_SIZE children, however many it has.
 */
@Injectable()
export class PipelineBatchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async companies(agencyId: string, ids: readonly string[]): Promise<Company[]> {
    return this.dataSource
      .getRepository(Company)
      .createQueryBuilder('company')
      .where('company.agency_id = :agencyId AND company.id = ANY(:ids)', { agencyId, ids: [...ids] })
      .getMany();
  }

  async contacts(agencyId: string, ids: readonly string[]): Promise<Contact[]> {
    return (
      this.dataSource
        .getRepository(Contact)
        .createQueryBuilder('contact')
        .where('contact.agency_id = :agencyId AND contact.id = ANY(:ids)', { agencyId, ids: [...ids] })
        // A touch keeps naming the person it was with, even after the contact is deleted.
        .withDeleted()
        .getMany()
    );
  }

  async contactsAt(agencyId: string, keys: readonly ContactKey[]): Promise<Contact[]> {
    return this.dataSource
      .getRepository(Contact)
      .createQueryBuilder('contact')
      .where('contact.agency_id = :agencyId', { agencyId })
      .andWhere(
        '(contact.company_id, contact.client_user_id) IN (SELECT * FROM unnest(CAST(:companyIds AS uuid[]), CAST(:clientIds AS uuid[])))',
        { companyIds: keys.map((key) => key.companyId), clientIds: keys.map((key) => key.clientUserId) },
      )
      .andWhere(
        `contact.id IN (SELECT ranked.id FROM (SELECT c.id, row_number() OVER (PARTITION BY c.company_id, c.client_user_id ORDER BY c.created_at, c.id) AS n
           FROM contacts c WHERE c.agency_id = :agencyId AND c.deleted_at IS NULL
            AND (c.company_id, c.client_user_id) IN (SELECT * FROM unnest(CAST(:companyIds AS uuid[]), CAST(:clientIds AS uuid[])))) ranked
          WHERE ranked.n <= :cap)`,
        { cap: MAX_NESTED_LIST_SIZE },
      )
      .orderBy('contact.created_at', 'ASC')
      .addOrderBy('contact.id', 'ASC')
      .getMany();
  }

  async followUps(agencyId: string, applicationIds: readonly string[]): Promise<FollowUp[]> {
    return this.dataSource
      .getRepository(FollowUp)
      .createQueryBuilder('followUp')
      .where('followUp.agency_id = :agencyId AND followUp.application_id = ANY(:applicationIds)', {
        agencyId,
        applicationIds: [...applicationIds],
      })
      .andWhere(
        `followUp.id IN (SELECT ranked.id FROM (SELECT f.id, row_number() OVER (PARTITION BY f.application_id ORDER BY f.occurred_at DESC, f.id DESC) AS n
           FROM follow_ups f WHERE f.agency_id = :agencyId AND f.application_id = ANY(:applicationIds) AND f.deleted_at IS NULL) ranked WHERE ranked.n <= :cap)`,
        { cap: MAX_NESTED_LIST_SIZE },
      )
      .orderBy('followUp.occurred_at', 'DESC')
      .addOrderBy('followUp.id', 'DESC')
      .getMany();
  }

  async stageChanges(agencyId: string, applicationIds: readonly string[]): Promise<ApplicationStageChange[]> {
    return this.dataSource
      .getRepository(ApplicationStageChange)
      .createQueryBuilder('change')
      .where('change.agency_id = :agencyId AND change.application_id = ANY(:applicationIds)', {
        agencyId,
        applicationIds: [...applicationIds],
      })
      .andWhere(
        `change.id IN (SELECT ranked.id FROM (SELECT s.id, row_number() OVER (PARTITION BY s.application_id ORDER BY s.changed_at, s.id) AS n
           FROM application_stage_changes s WHERE s.agency_id = :agencyId AND s.application_id = ANY(:applicationIds)) ranked WHERE ranked.n <= :cap)`,
        { cap: MAX_NESTED_LIST_SIZE },
      )
      .orderBy('change.changed_at', 'ASC')
      .addOrderBy('change.id', 'ASC')
      .getMany();
  }
}
