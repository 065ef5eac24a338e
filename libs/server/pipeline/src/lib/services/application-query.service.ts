import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE, encodeCursor } from '@followthrough/shared-domain';
import { Actor, AuditService, keysetPageStart, notFound, whereScoped } from '@followthrough/server-core';
import { ApplicationFilter } from '../dto/pipeline.inputs';
import { ApplicationConnection, ApplicationView } from '../dto/pipeline.types';
import { Application } from '../entities/application.entity';
import { PipelinePolicy } from '../pipeline.policy';
import { applicationView } from './pipeline-views';

/** Reading applications: one by id, or a keyset-paginated list, newest first. */
@Injectable()
export class ApplicationQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: PipelinePolicy,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, applicationId: string): Promise<ApplicationView> {
    const query = this.dataSource
      .getRepository(Application)
      .createQueryBuilder('application')
      .where('application.id = :applicationId', { applicationId });
    const application = await whereScoped(query, this.policy.clientRowScope(actor, 'application')).getOne();
    if (!application) throw notFound('Application');
    if (this.policy.readIsAudited(actor, application.clientUserId)) {
      await this.audit.record(actor, {
        action: 'application.read',
        entityType: 'Application',
        entityId: application.id,
        subjectUserId: application.clientUserId,
      });
    }
    return applicationView(application);
  }

  async list(
    actor: Actor,
    filter: ApplicationFilter = {},
    first = DEFAULT_PAGE_SIZE,
    after?: string | null,
  ): Promise<ApplicationConnection> {
    const position = keysetPageStart(first, after);

    if (filter.clientUserId) await this.policy.assertCanReadClient(actor, filter.clientUserId);
    const query = whereScoped(
      this.dataSource.getRepository(Application).createQueryBuilder('application'),
      this.policy.clientRowScope(actor, 'application'),
    );
    if (filter.clientUserId)
      query.andWhere('application.client_user_id = :clientUserId', { clientUserId: filter.clientUserId });
    if (filter.stage) query.andWhere('application.stage = :stage', { stage: filter.stage });
    if (filter.companyId) query.andWhere('application.company_id = :companyId', { companyId: filter.companyId });
    if (!filter.includeArchived) query.andWhere('application.archived_at IS NULL');
    if (position)
      query.andWhere(
        '(application.created_at, application.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))',
        { afterAt: position.at, afterId: position.id },
      );
    const rows = await query
      .orderBy('application.created_at', 'DESC')
      .addOrderBy('application.id', 'DESC')
      .limit(first + 1)
      .getMany();

    const page = rows.slice(0, first);
    // Filtered or not, a coach's or admin's list names every client it showed.
    await this.audit.recordRead(
      actor,
      'applications.listed',
      page.map((row) => row.clientUserId),
    );
    const edges = page.map((row) => ({
      cursor: encodeCursor({ at: row.createdAt, id: row.id }),
      node: applicationView(row),
    }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > first } };
  }
}
