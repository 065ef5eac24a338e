import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/** A client whose data changed (pipeline, vents, steps): what a read model keyed by client must redo. */
export interface ClientChange {
  agencyId: string;
  clientUserId: string;
}

/** Runs inside the writer's transaction, just before it commits, with every client it changed. */
export type ClientChangesListener = (changes: ClientChange[], manager: EntityManager) => Promise<void>;

/**
 * Writers say which clients they changed; read models (insights) listen. The changes of one transaction
 * are collected and handed over once, in the same transaction, right before COMMIT (TypeORM's
 * beforeTransactionCommit): after every other write of the request, so a listener sees all of them, and
 * a client changed several times in one request is handled once. A rolled-back transaction hands over nothing.
 */
@Injectable()
export class ClientChanges implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, Map<string, ClientChange>>();
  private readonly listeners: ClientChangesListener[] = [];

  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  onChanges(listener: ClientChangesListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** Records a change; outside a transaction the listeners run at once. */
  async changed(manager: EntityManager, agencyId: string, clientUserId: string): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      await this.handOver([{ agencyId, clientUserId }], manager);
      return;
    }
    let changes = this.pending.get(runner);
    if (!changes) {
      changes = new Map();
      this.pending.set(runner, changes);
    }
    changes.set(`${agencyId}/${clientUserId}`, { agencyId, clientUserId });
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const changes = this.pending.get(event.queryRunner);
    if (!changes || changes.size === 0) return;
    this.pending.delete(event.queryRunner);
    await this.handOver([...changes.values()], event.manager);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }

  private async handOver(changes: ClientChange[], manager: EntityManager): Promise<void> {
    for (const listener of [...this.listeners]) await listener(changes, manager);
  }
}

/** Available everywhere: every context that writes client data reports it here. */
@Global()
@Module({ providers: [ClientChanges], exports: [ClientChanges] })
export class ClientChangesModule {}
