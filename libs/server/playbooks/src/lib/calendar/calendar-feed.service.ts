import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StepStatus } from '@followthrough/shared-domain';
import { Actor, AuditService } from '@followthrough/server-core';
import { ClientAccessPolicy, IdentityDirectory } from '@followthrough/server-identity';
import { SignedLinkService } from '@followthrough/server-core';
import { CalendarEntry, renderCalendar } from './ics-calendar';

export const CALENDAR_LINK_PURPOSE = 'calendar-feed';
const CALENDAR_PATH = '/calendar/steps.ics';

/** One feed per (issuer, client): regenerating it ends that pair's older URLs only. */
function feedSubject(claims: Record<string, string>): string | null {
  return claims['issuerUserId'] && claims['clientUserId']
    ? `${claims['issuerUserId']}:${claims['clientUserId']}`
    : null;
}
const STEP_MINUTES = 30;

/** A client's due steps as a subscribable .ics feed behind a signed, login-free URL. */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientAccessPolicy,
    private readonly links: SignedLinkService,
    private readonly identity: IdentityDirectory,
    private readonly audit: AuditService,
  ) {}

  async feedUrl(actor: Actor, clientUserId: string): Promise<string> {
    await this.clients.assertCanAccessClient(actor, clientUserId);
    // The feed works only while whoever made it may still see the client (a coach unassigned later loses it).
    const claims = { clientUserId, issuerUserId: actor.userId };
    return this.links.revocableUrl(
      CALENDAR_PATH,
      CALENDAR_LINK_PURPOSE,
      actor.agencyId,
      feedSubject(claims) as string,
      claims,
    );
  }

  /** Ends every URL of this feed given out so far and returns a new one. */
  async regenerateFeedUrl(actor: Actor, clientUserId: string): Promise<string> {
    await this.clients.assertCanAccessClient(actor, clientUserId);
    await this.links.revoke(
      actor.agencyId,
      CALENDAR_LINK_PURPOSE,
      feedSubject({ clientUserId, issuerUserId: actor.userId }) as string,
    );
    return this.feedUrl(actor, clientUserId);
  }

  /** The document for a token, or null when the token is not genuine, expired or regenerated since. */
  async render(token: string): Promise<string | null> {
    const verified = await this.links.verifyRevocable(CALENDAR_LINK_PURPOSE, token, feedSubject);
    const agencyId = verified?.claims['agencyId'];
    const clientUserId = verified?.claims['clientUserId'];
    const issuerUserId = verified?.claims['issuerUserId'];
    if (!agencyId || !clientUserId || !issuerUserId) return null;
    const issuer = await this.identity.memberActor(agencyId, issuerUserId);
    if (!issuer || !(await this.clients.canAccessClient(issuer, clientUserId))) return null;
    const rows: {
      id: string;
      due_at: Date;
      channel: string;
      instructions: string;
      title: string;
      company: string;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT s.id, s.due_at, s.channel, s.instructions, s.created_at, a.title, co.name AS company
           FROM step_instances s
           JOIN applications a ON a.agency_id = s.agency_id AND a.id = s.application_id
           JOIN companies co ON co.agency_id = a.agency_id AND co.id = a.company_id
          WHERE s.agency_id = $1 AND s.client_user_id = $2 AND s.status = $3
          ORDER BY s.due_at, s.id
          LIMIT 500`,
      [agencyId, clientUserId, StepStatus.PENDING],
    );
    // Someone else's calendar app fetching the feed reads that client's steps on the issuer's authority.
    await this.audit.recordRead(issuer, 'calendarFeed.read', [clientUserId]);
    const entries: CalendarEntry[] = rows.map((row) => ({
      uid: `${row.id}@followthrough`,
      start: row.due_at,
      durationMinutes: STEP_MINUTES,
      summary: `${row.channel === 'IN_PERSON' ? 'Visit' : 'Follow up with'} ${row.company}: ${row.title}`,
      description: row.instructions,
      updatedAt: row.created_at,
    }));
    return renderCalendar('Followthrough: follow-up steps', entries);
  }
}
