import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionSource, ActionStatus, DEFAULT_PAGE_SIZE, encodeCursor, VentState } from '@followthrough/shared-domain';
import { Actor, AuditService, ClientChanges, keysetPageStart, notFound, whereScoped } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { ApplicationDirectory } from '@followthrough/server-pipeline';
import {
  ConvertVentToActionsInput,
  CreateVentInput,
  SetVentSharingInput,
  VentFilter,
  VentStatsFilter,
} from '../dto/vents.inputs';
import { ActionDraftView, VentConnection, VentStatsView, VentView } from '../dto/vents.types';
import { Action } from '../entities/action.entity';
import { Vent } from '../entities/vent.entity';
import { suggestActions } from '../suggestions/action-suggestions';
import { detectThemes, VentTheme } from '../themes/vent-themes';
import { VentsPolicy } from '../vents.policy';
import { readableVent } from './vent-query';
import { syncVentState } from './vent-state-sync';
import { ventView } from './vents-views';

/** Vents: written by clients, shared at their choice, turned into actions with their coach. */
@Injectable()
export class VentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: VentsPolicy,
    private readonly applications: ApplicationDirectory,
    private readonly audit: AuditService,
    private readonly changes: ClientChanges,
    private readonly identity: IdentityDirectory,
  ) {}

  /** Only a client vents, about themself; the vent is private until shared. */
  async create(actor: Actor, input: CreateVentInput): Promise<VentView> {
    return this.dataSource.transaction(async (manager) => {
      if (input.applicationId) await this.applications.requireApplication(actor, input.applicationId, manager);
      const vent = await manager.save(
        manager.create(Vent, {
          agencyId: actor.agencyId,
          clientUserId: actor.userId,
          text: input.text,
          mood: input.mood,
          tags: detectThemes(input.text),
          applicationId: input.applicationId ?? null,
          sharedWithCoach: false,
          state: VentState.OPEN,
        }),
      );
      return ventView(vent);
    });
  }

  async setSharing(actor: Actor, input: SetVentSharingInput): Promise<VentView> {
    return this.dataSource.transaction(async (manager) => {
      const vent = await readableVent(this.policy, actor, manager, input.ventId, true);
      if (!this.policy.canChangeSharing(actor, vent.clientUserId)) throw notFound('Vent');
      if (vent.sharedWithCoach !== input.shared) {
        vent.sharedWithCoach = input.shared;
        await manager.update(Vent, { agencyId: actor.agencyId, id: vent.id }, { sharedWithCoach: input.shared });
        await this.changes.changed(manager, actor.agencyId, vent.clientUserId);
        await this.audit.record(
          actor,
          {
            action: input.shared ? 'vent.shared' : 'vent.unshared',
            entityType: 'Vent',
            entityId: vent.id,
            subjectUserId: vent.clientUserId,
          },
          manager,
        );
      }
      return ventView(vent);
    });
  }

  async get(actor: Actor, ventId: string): Promise<VentView> {
    const vent = await readableVent(this.policy, actor, this.dataSource.manager, ventId);
    if (this.policy.readIsAudited(actor, vent.clientUserId)) {
      await this.audit.record(actor, {
        action: 'vent.read',
        entityType: 'Vent',
        entityId: vent.id,
        subjectUserId: vent.clientUserId,
      });
    }
    return ventView(vent);
  }

  /** Newest first: the client's own vents, or a coach's assigned clients' shared vents. */
  async list(
    actor: Actor,
    filter: VentFilter = {},
    first = DEFAULT_PAGE_SIZE,
    after?: string | null,
  ): Promise<VentConnection> {
    const position = keysetPageStart(first, after);
    if (filter.clientUserId) await this.policy.assertCanReadClient(actor, filter.clientUserId);

    const query = whereScoped(
      this.dataSource.getRepository(Vent).createQueryBuilder('vent'),
      this.policy.ventScope(actor, 'vent'),
    );
    if (filter.clientUserId)
      query.andWhere('vent.client_user_id = :clientUserId', { clientUserId: filter.clientUserId });
    if (filter.state) query.andWhere('vent.state = :state', { state: filter.state });
    if (position)
      query.andWhere('(vent.created_at, vent.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
        afterAt: position.at,
        afterId: position.id,
      });
    const rows = await query
      .orderBy('vent.created_at', 'DESC')
      .addOrderBy('vent.id', 'DESC')
      .limit(first + 1)
      .getMany();

    const page = rows.slice(0, first);
    await this.audit.recordRead(
      actor,
      'vents.listed',
      page.map((row) => row.clientUserId),
    );
    const edges = page.map((row) => ({ cursor: encodeCursor({ at: row.createdAt, id: row.id }), node: ventView(row) }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > first } };
  }

  /** Drafts tied to the client's real applications, from the themes of the vent. */
  async suggestions(actor: Actor, ventId: string): Promise<ActionDraftView[]> {
    const vent = await readableVent(this.policy, actor, this.dataSource.manager, ventId);
    const applications = await this.applications.applicationSummaries({ agencyId: actor.agencyId }, vent.clientUserId);
    const calendar = await this.identity.calendarOf(actor.agencyId);
    return suggestActions({
      calendar,
      themes: vent.tags.filter((tag): tag is VentTheme => (Object.values(VentTheme) as string[]).includes(tag)),
      applications,
      ventApplicationId: vent.applicationId,
      today: new Date(),
    });
  }

  /** Creates the chosen actions for the vent's client and moves the vent to ACTIONED; all or nothing. */
  async convert(actor: Actor, input: ConvertVentToActionsInput): Promise<VentView> {
    return this.dataSource.transaction(async (manager) => {
      const vent = await readableVent(this.policy, actor, manager, input.ventId, true);
      for (const draft of input.actions) {
        if (!draft.applicationId) continue;
        const application = await this.applications.requireApplication(actor, draft.applicationId, manager);
        // Only the vent's own client's applications.
        if (application.clientUserId !== vent.clientUserId) throw notFound('Application');
      }
      const onBehalf = this.policy.onBehalf(actor, vent.clientUserId);
      // One millisecond apart, so the vent lists its actions in the order they were given.
      const createdFrom = Date.now();
      const actions = await manager.save(
        input.actions.map((draft, index) =>
          manager.create(Action, {
            agencyId: actor.agencyId,
            clientUserId: vent.clientUserId,
            title: draft.title,
            dueOn: draft.dueOn ?? null,
            status: ActionStatus.OPEN,
            source: ActionSource.VENT,
            ventId: vent.id,
            // A step from a vent about one application belongs to it unless the draft names another.
            applicationId: draft.applicationId ?? vent.applicationId ?? null,
            createdByUserId: actor.userId,
            onBehalf,
            settledAt: null,
            settledByUserId: null,
            createdAt: new Date(createdFrom + index),
          }),
        ),
      );
      for (const action of actions) {
        await this.audit.record(
          actor,
          { action: 'action.created', entityType: 'Action', entityId: action.id, subjectUserId: vent.clientUserId },
          manager,
        );
      }
      vent.state = await syncVentState(manager, actor.agencyId, vent.id);
      await this.changes.changed(manager, actor.agencyId, vent.clientUserId);
      return ventView(vent);
    });
  }

  /** Counts only, never text: for admins (who may narrow to one client of the agency). */
  async stats(actor: Actor, filter: VentStatsFilter = {}): Promise<VentStatsView> {
    if (filter.clientUserId) await this.policy.assertCanReadClient(actor, filter.clientUserId);
    const params: unknown[] = [actor.agencyId];
    // A private vent is the client's alone: not even its mood or theme may show up in a count.
    let where = 'agency_id = $1 AND shared_with_coach';
    if (filter.clientUserId) {
      params.push(filter.clientUserId);
      where += ' AND client_user_id = $2';
    }
    const groups: { state: VentState | null; mood: number | null; count: string; shared: string }[] =
      await this.dataSource.query(
        `SELECT state, mood, count(*) AS count, count(*) FILTER (WHERE shared_with_coach) AS shared
         FROM vents WHERE ${where} GROUP BY GROUPING SETS ((state), (mood), ())`,
        params,
      );
    const tags: { tag: string; count: string }[] = await this.dataSource.query(
      `SELECT tag, count(*) AS count FROM vents, unnest(tags) AS tag WHERE ${where} GROUP BY tag ORDER BY count(*) DESC, tag`,
      params,
    );
    const totals = groups.find((row) => row.state === null && row.mood === null);
    const byState = new Map(groups.filter((row) => row.state !== null).map((row) => [row.state, Number(row.count)]));
    const byMood = new Map(
      groups.filter((row) => row.mood !== null).map((row) => [Number(row.mood), Number(row.count)]),
    );
    return {
      total: Number(totals?.count ?? 0),
      shared: Number(totals?.shared ?? 0),
      byState: Object.values(VentState).map((state) => ({ state, count: byState.get(state) ?? 0 })),
      byMood: [1, 2, 3, 4, 5].map((mood) => ({ mood, count: byMood.get(mood) ?? 0 })),
      byTag: tags.map((row) => ({ tag: row.tag, count: Number(row.count) })),
    };
  }
}
