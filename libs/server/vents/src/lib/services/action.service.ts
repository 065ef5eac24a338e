import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActionSource, ActionStatus, DEFAULT_PAGE_SIZE, encodeCursor, Role } from '@followthrough/shared-domain';
import {
  Actor,
  AuditService,
  badInput,
  ClientChanges,
  keysetPageStart,
  notFound,
  whereScoped,
} from '@followthrough/server-core';
import { AgencyScope, ApplicationDirectory } from '@followthrough/server-pipeline';
import { ActionFilter, CreateActionInput } from '../dto/vents.inputs';
import { ActionConnection, ActionView } from '../dto/vents.types';
import { Action } from '../entities/action.entity';
import { MAX_ACTION_TITLE } from '../vent-limits';
import { VentsPolicy } from '../vents.policy';
import { syncVentState } from './vent-state-sync';
import { actionView } from './vents-views';

/** An action another context (a playbook step) creates for a client, without a signed-in person. */
export interface SystemActionDraft {
  clientUserId: string;
  title: string;
  dueOn?: string | null;
  applicationId?: string | null;
  source: ActionSource;
}

/** Actions: created by clients, coaches, vents and playbooks; done or dropped by the client or their coach. */
@Injectable()
export class ActionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: VentsPolicy,
    private readonly applications: ApplicationDirectory,
    private readonly audit: AuditService,
    private readonly changes: ClientChanges,
  ) {}

  /** A client plans their own step (source CLIENT); a coach or admin sets one for a client (source COACH, on behalf). */
  async create(actor: Actor, input: CreateActionInput): Promise<ActionView> {
    const clientUserId = await this.policy.clientForWrite(actor, input.clientUserId);
    return this.dataSource.transaction(async (manager) => {
      if (input.applicationId) {
        const application = await this.applications.requireApplication(actor, input.applicationId, manager);
        if (application.clientUserId !== clientUserId) throw notFound('Application');
      }
      const action = await manager.save(
        manager.create(Action, {
          agencyId: actor.agencyId,
          clientUserId,
          title: input.title,
          dueOn: input.dueOn ?? null,
          status: ActionStatus.OPEN,
          source: actor.role === Role.CLIENT ? ActionSource.CLIENT : ActionSource.COACH,
          ventId: null,
          applicationId: input.applicationId ?? null,
          createdByUserId: actor.userId,
          onBehalf: this.policy.onBehalf(actor, clientUserId),
          settledAt: null,
          settledByUserId: null,
        }),
      );
      await this.audit.record(
        actor,
        { action: 'action.created', entityType: 'Action', entityId: action.id, subjectUserId: clientUserId },
        manager,
      );
      return actionView(action);
    });
  }

  /**
   * For other contexts (e.g. a playbook step turning into a task): creates an OPEN action inside the
   * caller's transaction. The caller vouches that the client and application belong to the agency.
   */
  async createSystemAction(scope: AgencyScope, draft: SystemActionDraft, manager?: EntityManager): Promise<ActionView> {
    const title = draft.title.trim();
    if (!title || title.length > MAX_ACTION_TITLE)
      throw badInput('title', `must be 1 to ${MAX_ACTION_TITLE} characters`);
    const run = (m: EntityManager) =>
      m.save(
        m.create(Action, {
          agencyId: scope.agencyId,
          clientUserId: draft.clientUserId,
          title,
          dueOn: draft.dueOn ?? null,
          status: ActionStatus.OPEN,
          source: draft.source,
          ventId: null,
          applicationId: draft.applicationId ?? null,
          createdByUserId: draft.clientUserId,
          onBehalf: false,
          settledAt: null,
          settledByUserId: null,
        }),
      );
    return actionView(await (manager ? run(manager) : this.dataSource.transaction(run)));
  }

  async complete(actor: Actor, actionId: string): Promise<ActionView> {
    return this.settle(actor, actionId, ActionStatus.DONE);
  }

  async drop(actor: Actor, actionId: string): Promise<ActionView> {
    return this.settle(actor, actionId, ActionStatus.DROPPED);
  }

  /** Newest first: the actor's own, their assigned clients', or the agency's actions. */
  async list(
    actor: Actor,
    filter: ActionFilter = {},
    first = DEFAULT_PAGE_SIZE,
    after?: string | null,
  ): Promise<ActionConnection> {
    const position = keysetPageStart(first, after);
    if (filter.clientUserId) await this.policy.assertCanReadClient(actor, filter.clientUserId);

    const query = whereScoped(
      this.dataSource.getRepository(Action).createQueryBuilder('action'),
      this.policy.actionScope(actor, 'action'),
    );
    if (filter.clientUserId)
      query.andWhere('action.client_user_id = :clientUserId', { clientUserId: filter.clientUserId });
    if (filter.status) query.andWhere('action.status = :status', { status: filter.status });
    if (filter.ventId) query.andWhere('action.vent_id = :ventId', { ventId: filter.ventId });
    if (filter.applicationId)
      query.andWhere('action.application_id = :applicationId', { applicationId: filter.applicationId });
    if (position)
      query.andWhere('(action.created_at, action.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
        afterAt: position.at,
        afterId: position.id,
      });
    const rows = await query
      .orderBy('action.created_at', 'DESC')
      .addOrderBy('action.id', 'DESC')
      .limit(first + 1)
      .getMany();

    const page = rows.slice(0, first);
    await this.audit.recordRead(
      actor,
      'actions.listed',
      page.map((row) => row.clientUserId),
    );
    const privateVents = await this.privateVentIds(actor.agencyId, page);
    const edges = page.map((row) => ({
      cursor: encodeCursor({ at: row.createdAt, id: row.id }),
      node: actionView(row, privateVents.has(row.ventId ?? ''), actor.userId !== row.clientUserId),
    }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > first } };
  }

  private async settle(
    actor: Actor,
    actionId: string,
    status: ActionStatus.DONE | ActionStatus.DROPPED,
  ): Promise<ActionView> {
    return this.dataSource.transaction(async (manager) => {
      const query = manager
        .getRepository(Action)
        .createQueryBuilder('action')
        .where('action.id = :actionId', { actionId });
      const action = await whereScoped(query, this.policy.actionScope(actor, 'action'))
        .setLock('pessimistic_write')
        .getOne();
      if (!action) throw notFound('Action');
      if (action.status !== ActionStatus.OPEN) throw badInput('id', `this action is already ${action.status}`);
      action.status = status;
      action.settledAt = new Date();
      action.settledByUserId = actor.userId;
      await manager.update(
        Action,
        { agencyId: actor.agencyId, id: action.id },
        { status, settledAt: action.settledAt, settledByUserId: actor.userId },
      );
      await this.audit.record(
        actor,
        {
          action: status === ActionStatus.DONE ? 'action.done' : 'action.dropped',
          entityType: 'Action',
          entityId: action.id,
          subjectUserId: action.clientUserId,
        },
        manager,
      );
      if (action.ventId) {
        await syncVentState(manager, actor.agencyId, action.ventId);
        await this.changes.changed(manager, actor.agencyId, action.clientUserId);
      }
      const privateVents = await this.privateVentIds(actor.agencyId, [action], manager);
      return actionView(action, privateVents.has(action.ventId ?? ''), actor.userId !== action.clientUserId);
    });
  }

  /** Which of these actions' vents the client keeps private (one statement, none when no action has a vent). */
  private async privateVentIds(agencyId: string, rows: Action[], manager?: EntityManager): Promise<Set<string>> {
    const ventIds = [...new Set(rows.flatMap((row) => (row.ventId ? [row.ventId] : [])))];
    if (ventIds.length === 0) return new Set();
    const found: { id: string }[] = await (manager ?? this.dataSource).query(
      'SELECT id FROM vents WHERE agency_id = $1 AND id = ANY($2::uuid[]) AND NOT shared_with_coach',
      [agencyId, ventIds],
    );
    return new Set(found.map((row) => row.id));
  }
}
