import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StepStatus } from '@followthrough/shared-domain';
import { Actor, AuditService } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { SignedLinkService } from '@followthrough/server-core';
import { ApplicationDirectory } from '@followthrough/server-pipeline';
import { CalendarEntry, renderCalendar } from './ics-calendar';
import { PlaybooksPolicy } from '../playbooks.policy';

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
    private readonly policy: PlaybooksPolicy,
    private readonly links: SignedLinkService,
    private readonly identity: IdentityDirectory,
    private readonly audit: AuditService,
    private readonly applications: ApplicationDirectory,
  ) {}

  async feedUrl(actor: Actor, clientUserId: string): Promise<string> {
    await this.policy.assertCanActForClient(actor, clientUserId);
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
    await this.policy.assertCanActForClient(actor, clientUserId);
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
    if (!issuer || !(await this.policy.feedStillAllowed(issuer, clientUserId))) return null;
    const rows: {
      id: string;
      due_at: Date;
      channel: string;
      instructions: string;
      application_id: string;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT s.id, s.due_at, s.channel, s.instructions, s.application_id, s.created_at
           FROM step_instances s
          WHERE s.agency_id = $1 AND s.client_user_id = $2 AND s.status = $3
          ORDER BY s.due_at, s.id
          LIMIT 500`,
      [agencyId, clientUserId, StepStatus.PENDING],
    );
    // Someone else's calendar app fetching the feed reads that client's steps on the issuer's authority.
    await this.audit.recordRead(issuer, 'calendarFeed.read', [clientUserId]);
    // The job and employer names are the pipeline's, asked for by id in one statement.
    const labels = await this.applications.labelsByIds({ agencyId }, [
      ...new Set(rows.map((row) => row.application_id)),
    ]);
    const entries: CalendarEntry[] = rows.flatMap((row) => {
      const label = labels.get(row.application_id);
      if (!label) return [];
      return [
        {
          uid: `${row.id}@followthrough`,
          start: row.due_at,
          durationMinutes: STEP_MINUTES,
          summary: `${row.channel === 'IN_PERSON' ? 'Visit' : 'Follow up with'} ${label.companyName}: ${label.title}`,
          description: row.instructions,
          updatedAt: row.created_at,
        },
      ];
    });
    return renderCalendar('Followthrough: follow-up steps', entries);
  }
}
