import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MailFailure } from '@followthrough/server-core';
import { MailRefusal } from '../entities';

/** Remembers the addresses whose mail server refused our mail for good, per agency. */
@Injectable()
export class MailRefusalService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(agencyId: string, email: string, failure: MailFailure): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO mail_refusals (agency_id, email, response_code, reason, refused_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (agency_id, email) DO UPDATE SET response_code = EXCLUDED.response_code, reason = EXCLUDED.reason, refused_at = EXCLUDED.refused_at`,
      [agencyId, email.toLowerCase(), failure.responseCode, failure.reason],
    );
  }

  /** The refusal of this exact address, if any: a person who changes their address is not affected. */
  async find(agencyId: string, email: string): Promise<MailRefusal | null> {
    return this.dataSource.manager.findOneBy(MailRefusal, { agencyId, email: email.toLowerCase() });
  }

  async clear(manager: EntityManager, agencyId: string, email: string): Promise<void> {
    await manager.delete(MailRefusal, { agencyId, email: email.toLowerCase() });
  }
}

/** Thrown by a delivery when the server refused the message for good; the job must not be retried. */
export class PermanentMailRefusal extends Error {
  constructor(
    readonly email: string,
    readonly failure: MailFailure,
  ) {
    super(`The mail server refused the message for good: ${failure.reason}`);
    this.name = 'PermanentMailRefusal';
  }
}

export function refusedAddressText(refusal: MailRefusal): string {
  const day = refusal.refusedAt.toISOString().slice(0, 10);
  return `Not sent: the mail server of ${refusal.email} refused mail on ${day} (${refusal.reason}). Update the address, or retry once it is fixed.`;
}
