import type { EntityManager } from 'typeorm';

/** How a client is erased on request. */
export enum ErasureMode {
  /** Every row about the person goes. */
  DELETE = 'DELETE',
  /**
   * The agency keeps the shape of the person's follow-up history for its figures (stages, dates,
   * channels, outcomes) under an id that points to nobody; everything they wrote or that names
   * them goes, as with DELETE.
   */
  ANONYMISE = 'ANONYMISE',
}

/** One client to erase from one agency. */
export interface ClientErasure {
  agencyId: string;
  userId: string;
  /** The person's address, read before identity forgets it (some contexts key rows by address). */
  email: string;
  mode: ErasureMode;
  /** Takes the person's place on rows an anonymisation keeps; a fresh random id, never a user's. */
  replacementId: string;
}

/** A person's rows, table by table, as plain JSON values. */
export type ExportedTables = Record<string, Record<string, unknown>[]>;

/**
 * What each bounded context provides for data rights, over its own tables only. The orchestrator
 * calls every context with one transaction's manager, so an erasure commits whole or not at all.
 */
export interface ContextDataRights {
  /** The client's rows in this agency, for their own download. */
  exportClient(manager: EntityManager, agencyId: string, userId: string): Promise<ExportedTables>;
  eraseClient(manager: EntityManager, erasure: ClientErasure): Promise<void>;
  /** Every row of the agency. Called in dependency order, identity last. */
  eraseAgency(manager: EntityManager, agencyId: string): Promise<void>;
}
