import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Actor, GraphqlContext } from '@followthrough/server-core';
import { ApplicationStageChange } from '../entities/application-stage-change.entity';
import { Company } from '../entities/company.entity';
import { Contact } from '../entities/contact.entity';
import { FollowUp } from '../entities/follow-up.entity';
import { ContactKey, PipelineBatchService } from '../services/pipeline-batch.service';

export interface PipelineRequestLoaders {
  company: DataLoader<string, Company | null>;
  contact: DataLoader<string, Contact | null>;
  contactsAt: DataLoader<ContactKey, Contact[], string>;
  followUps: DataLoader<string, FollowUp[]>;
  stageChanges: DataLoader<string, ApplicationStageChange[]>;
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

const contactKey = (key: ContactKey) => `${key.companyId}:${key.clientUserId}`;

/**
 * DataLoaders that live as long as one GraphQL request: kept in a WeakMap keyed by the request's
 * `req` object, so they batch within the request, cache nothing across requests, and need no
 * request-scoped providers.
 */
@Injectable()
export class PipelineLoaders {
  private readonly perRequest = new WeakMap<object, PipelineRequestLoaders>();

  constructor(private readonly batch: PipelineBatchService) {}

  of(context: GraphqlContext, actor: Actor): PipelineRequestLoaders {
    let loaders = this.perRequest.get(context.req);
    if (!loaders) {
      loaders = this.create(actor.agencyId);
      this.perRequest.set(context.req, loaders);
    }
    return loaders;
  }

  private create(agencyId: string): PipelineRequestLoaders {
    return {
      company: new DataLoader(async (ids) => {
        const byId = new Map((await this.batch.companies(agencyId, ids)).map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      contact: new DataLoader(async (ids) => {
        const byId = new Map((await this.batch.contacts(agencyId, ids)).map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      contactsAt: new DataLoader(
        async (keys) => {
          const groups = groupBy(await this.batch.contactsAt(agencyId, keys), contactKey);
          return keys.map((key) => groups.get(contactKey(key)) ?? []);
        },
        { cacheKeyFn: contactKey },
      ),
      followUps: new DataLoader(async (applicationIds) => {
        const groups = groupBy(await this.batch.followUps(agencyId, applicationIds), (row) => row.applicationId);
        return applicationIds.map((id) => groups.get(id) ?? []);
      }),
      stageChanges: new DataLoader(async (applicationIds) => {
        const groups = groupBy(await this.batch.stageChanges(agencyId, applicationIds), (row) => row.applicationId);
        return applicationIds.map((id) => groups.get(id) ?? []);
      }),
    };
  }
}
