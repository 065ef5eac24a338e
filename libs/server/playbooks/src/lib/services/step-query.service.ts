import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { encodeCursor, FollowUpChannel, FollowUpPurpose, StepStatus } from '@followthrough/shared-domain';
import { Actor, actorScope, AuditService, keysetPageStart, sql } from '@followthrough/server-core';
import { ApplicationDirectory, ApplicationLabel } from '@followthrough/server-pipeline';
import { DueStepsFilter } from '../dto/playbook.inputs';
import { PlaybooksPolicy } from '../playbooks.policy';
import { StepInstanceConnection, StepInstanceView } from '../dto/playbook.types';

interface StepRow {
  id: string;
  application_id: string;
  client_user_id: string;
  step_key: string;
  channel: FollowUpChannel;
  purpose: FollowUpPurpose;
  instructions: string;
  due_at: Date;
  status: StepStatus;
  completed_at: Date | null;
  follow_up_id: string | null;
  playbook_version: number;
}

/** Step instances the caller may see, soonest due first, in keyset pages. */
@Injectable()
export class StepQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: PlaybooksPolicy,
    private readonly audit: AuditService,
    private readonly applications: ApplicationDirectory,
  ) {}

  async dueSteps(
    actor: Actor,
    filter: DueStepsFilter,
    first: number,
    after?: string | null,
  ): Promise<StepInstanceConnection> {
    const position = keysetPageStart(first, after);

    const conditions = [sql`s.status = ${filter.status ?? StepStatus.PENDING}`];
    if (filter.clientUserId) conditions.push(sql`s.client_user_id = ${filter.clientUserId}`);
    if (filter.applicationId) conditions.push(sql`s.application_id = ${filter.applicationId}`);
    if (filter.dueBefore) conditions.push(sql`s.due_at < ${filter.dueBefore}`);
    if (position) conditions.push(sql`(s.due_at, s.id) > (${position.at}, ${position.id})`);
    const params: unknown[] = [];
    const where = actorScope(
      actor,
      's.agency_id',
      this.policy.clientScope(actor, 's.client_user_id'),
      ...conditions,
    ).toPositional(params);
    params.push(first + 1);
    const rows: StepRow[] = await this.dataSource.query(
      `SELECT s.id, s.application_id, s.client_user_id, s.step_key, s.channel, s.purpose, s.instructions,
              s.due_at, s.status, s.completed_at, s.follow_up_id, v.version AS playbook_version
         FROM step_instances s
         JOIN cadences c ON c.id = s.cadence_id
         JOIN playbook_versions v ON v.id = c.playbook_version_id
        WHERE ${where}
        ORDER BY s.due_at, s.id
        LIMIT $${params.length}`,
      params,
    );
    // Application names come from the pipeline by id; one statement whatever the page size.
    const labels = await this.applications.labelsByIds({ agencyId: actor.agencyId }, [
      ...new Set(rows.slice(0, first).map((row) => row.application_id)),
    ]);
    const page = rows.slice(0, first).flatMap((row) => {
      const label = labels.get(row.application_id);
      return label ? [this.viewOf(row, label)] : [];
    });
    await this.audit.recordRead(
      actor,
      'dueSteps.listed',
      rows.slice(0, first).map((row) => row.client_user_id),
    );
    const edges = page.map((node) => ({ cursor: encodeCursor({ at: node.dueAt, id: node.id }), node }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > first } };
  }

  private viewOf(row: StepRow, label: ApplicationLabel): StepInstanceView {
    return {
      id: row.id,
      applicationId: row.application_id,
      clientUserId: row.client_user_id,
      stepKey: row.step_key,
      channel: row.channel,
      purpose: row.purpose,
      instructions: row.instructions,
      dueAt: row.due_at,
      status: row.status,
      completedAt: row.completed_at,
      followUpId: row.follow_up_id,
      playbookVersion: row.playbook_version,
      companyName: label.companyName,
      applicationTitle: label.title,
    };
  }
}
