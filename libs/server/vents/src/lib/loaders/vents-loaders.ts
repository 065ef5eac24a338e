import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Actor, GraphqlContext } from '@followthrough/server-core';
import { ApplicationDirectory, ApplicationSummary } from '@followthrough/server-pipeline';
import { MAX_NESTED_LIST_SIZE } from '@followthrough/shared-domain';
import { Action } from '../entities/action.entity';

export interface VentsRequestLoaders {
  /** Summaries of applications referenced by vents and actions the request already authorized. */
  application: DataLoader<string, ApplicationSummary | null>;
  /** A vent's actions, oldest first. */
  actionsOfVent: DataLoader<string, Action[]>;
}

/** Per-request DataLoaders, kept in a WeakMap keyed by the request object (see PipelineLoaders). */
@Injectable()
export class VentsLoaders {
  private readonly perRequest = new WeakMap<object, VentsRequestLoaders>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationDirectory,
  ) {}

  of(context: GraphqlContext, actor: Actor): VentsRequestLoaders {
    let loaders = this.perRequest.get(context.req);
    if (!loaders) {
      loaders = this.create(actor.agencyId);
      this.perRequest.set(context.req, loaders);
    }
    return loaders;
  }

  private create(agencyId: string): VentsRequestLoaders {
    return {
      application: new DataLoader(async (ids) => {
        const summaries = await this.applications.summariesByIds({ agencyId }, ids);
        return ids.map((id) => summaries.get(id) ?? null);
      }),
      actionsOfVent: new DataLoader(async (ventIds) => {
        const rows = await this.dataSource
          .getRepository(Action)
          .createQueryBuilder('action')
          .where('action.agency_id = :agencyId AND action.vent_id = ANY(:ventIds)', { agencyId, ventIds: [...ventIds] })
          .andWhere(
            `action.id IN (SELECT ranked.id FROM (SELECT a.id, row_number() OVER (PARTITION BY a.vent_id ORDER BY a.created_at, a.id) AS n
               FROM actions a WHERE a.agency_id = :agencyId AND a.vent_id = ANY(:ventIds)) ranked WHERE ranked.n <= :cap)`,
            { cap: MAX_NESTED_LIST_SIZE },
          )
          .orderBy('action.created_at', 'ASC')
          .addOrderBy('action.id', 'ASC')
          .getMany();
        return ventIds.map((id) => rows.filter((row) => row.ventId === id));
      }),
    };
  }
}
