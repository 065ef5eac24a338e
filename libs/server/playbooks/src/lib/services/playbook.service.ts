import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, badInput, notFound } from '@followthrough/server-core';
import { DEFAULT_PLAYBOOK_NAME, DEFAULT_PLAYBOOK_STEPS } from '../cadence/default-playbook';
import { PlaybookStep } from '../cadence/playbook-step';
import { AssignPlaybookInput, SavePlaybookInput } from '../dto/playbook.inputs';
import { PlaybookView } from '../dto/playbook.types';
import { PlaybookAssignment } from '../entities/playbook-assignment.entity';
import { PlaybookVersion } from '../entities/playbook-version.entity';
import { Playbook } from '../entities/playbook.entity';
import { PlaybooksPolicy } from '../playbooks.policy';

function viewOf(playbook: Playbook, version: PlaybookVersion): PlaybookView {
  return {
    id: playbook.id,
    name: playbook.name,
    isDefault: playbook.isDefault,
    version: version.version,
    steps: version.steps,
    updatedAt: version.createdAt,
  };
}

@Injectable()
export class PlaybookService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: PlaybooksPolicy,
  ) {}

  /** The agency's default playbook, created on first use with "Pick up the phone". */
  async ensureDefault(agencyId: string, manager: EntityManager = this.dataSource.manager): Promise<Playbook> {
    const existing = await manager.findOneBy(Playbook, { agencyId, isDefault: true });
    if (existing) return existing;
    // Two first uses at once: the unique (agency, name) index lets one insert win.
    await manager
      .createQueryBuilder()
      .insert()
      .into(Playbook)
      .values({ agencyId, name: DEFAULT_PLAYBOOK_NAME, isDefault: true, currentVersion: 1 })
      .orIgnore()
      .execute();
    const playbook = await manager.findOneByOrFail(Playbook, { agencyId, name: DEFAULT_PLAYBOOK_NAME });
    await manager
      .createQueryBuilder()
      .insert()
      .into(PlaybookVersion)
      .values({ agencyId, playbookId: playbook.id, version: 1, steps: DEFAULT_PLAYBOOK_STEPS, createdByUserId: null })
      .orIgnore()
      .execute();
    return playbook;
  }

  /** The version a new cadence for this client starts with: the client's playbook, else the default. */
  async versionForClient(agencyId: string, clientUserId: string, manager: EntityManager): Promise<PlaybookVersion> {
    const assignment = await manager.findOneBy(PlaybookAssignment, { agencyId, clientUserId });
    const playbook = assignment
      ? await manager.findOneByOrFail(Playbook, { agencyId, id: assignment.playbookId })
      : await this.ensureDefault(agencyId, manager);
    return manager.findOneByOrFail(PlaybookVersion, {
      agencyId,
      playbookId: playbook.id,
      version: playbook.currentVersion,
    });
  }

  async list(actor: Actor): Promise<PlaybookView[]> {
    await this.ensureDefault(actor.agencyId);
    const rows = await this.dataSource
      .getRepository(Playbook)
      .createQueryBuilder('playbook')
      .innerJoinAndMapOne(
        'playbook.current',
        PlaybookVersion,
        'version',
        'version.agency_id = playbook.agency_id AND version.playbook_id = playbook.id AND version.version = playbook.current_version',
      )
      .where('playbook.agency_id = :agencyId', { agencyId: actor.agencyId })
      .orderBy('playbook.is_default', 'DESC')
      .addOrderBy('playbook.name')
      .getMany();
    return rows.map((row) => viewOf(row, (row as Playbook & { current: PlaybookVersion }).current));
  }

  /** Creates a playbook, or saves a new version of one; running cadences keep their version. */
  async save(actor: Actor, input: SavePlaybookInput): Promise<PlaybookView> {
    const keys = input.steps.map((step) => step.key);
    if (new Set(keys).size !== keys.length) throw badInput('input.steps', 'each step needs its own key');
    const steps: PlaybookStep[] = input.steps.map((step) => ({ ...step }));
    return this.dataSource.transaction(async (manager) => {
      await this.ensureDefault(actor.agencyId, manager);
      let playbook: Playbook;
      if (input.playbookId) {
        const found = await manager.findOne(Playbook, {
          where: { agencyId: actor.agencyId, id: input.playbookId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!found) throw notFound('Playbook');
        playbook = found;
        playbook.currentVersion += 1;
        playbook.name = input.name;
      } else {
        playbook = manager.create(Playbook, {
          agencyId: actor.agencyId,
          name: input.name,
          isDefault: false,
          currentVersion: 1,
        });
      }
      const clash = await manager
        .getRepository(Playbook)
        .createQueryBuilder('p')
        .where('p.agency_id = :agencyId AND p.name = :name AND p.id IS DISTINCT FROM :id', {
          agencyId: actor.agencyId,
          name: input.name,
          id: playbook.id ?? null,
        })
        .getExists();
      if (clash) throw badInput('input.name', 'another playbook of your agency has this name');
      if (input.makeDefault && !playbook.isDefault) {
        await manager.update(Playbook, { agencyId: actor.agencyId, isDefault: true }, { isDefault: false });
        playbook.isDefault = true;
      }
      playbook = await manager.save(playbook);
      const version = await manager.save(
        manager.create(PlaybookVersion, {
          agencyId: actor.agencyId,
          playbookId: playbook.id,
          version: playbook.currentVersion,
          steps,
          createdByUserId: actor.userId,
        }),
      );
      return viewOf(playbook, version);
    });
  }

  async assign(actor: Actor, input: AssignPlaybookInput): Promise<PlaybookView> {
    await this.policy.assertCanActForClient(actor, input.clientUserId);
    return this.dataSource.transaction(async (manager) => {
      const playbook = await manager.findOneBy(Playbook, { agencyId: actor.agencyId, id: input.playbookId });
      if (!playbook) throw notFound('Playbook');
      await manager.upsert(
        PlaybookAssignment,
        { agencyId: actor.agencyId, clientUserId: input.clientUserId, playbookId: playbook.id },
        ['agencyId', 'clientUserId'],
      );
      const version = await manager.findOneByOrFail(PlaybookVersion, {
        agencyId: actor.agencyId,
        playbookId: playbook.id,
        version: playbook.currentVersion,
      });
      return viewOf(playbook, version);
    });
  }
}
