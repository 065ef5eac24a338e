import type { EntityManager } from 'typeorm';
import type { PersonContact } from '@followthrough/server-identity';
import type { ReminderRefs } from '../entities';

/** What a composer is told about the reminder it writes (ids only; it loads what it needs). */
export interface ReminderToCompose {
  id: string;
  agencyId: string;
  kind: string;
  recipientUserId: string;
  dueAt: Date;
  idempotencyKey: string;
  refs: ReminderRefs;
}

export interface ComposeContext {
  recipient: PersonContact;
  /** Read-only access for loading what the message mentions. */
  manager: EntityManager;
  /** The moment of sending: what "today" and "overdue since" are measured from. */
  now: Date;
  /** A login-free, signed link to a page of the web app for this recipient (e.g. "log it"). */
  signedUrl(path: string, purpose: string, claims?: Record<string, string>): string;
}

export interface ComposedMessage {
  subject: string;
  text: string;
  html?: string;
}

/** The message to send, or 'skip' when the reminder is no longer needed (it becomes SKIPPED). */
export type ComposeResult = ComposedMessage | 'skip';

/**
 * Writes the e-mail for one kind of reminder. Other contexts register theirs with
 * ReminderComposerRegistry.register(kind, composer). The engine adds the preferences and
 * unsubscribe links and the headers itself.
 */
export interface ReminderComposer {
  compose(reminder: ReminderToCompose, context: ComposeContext): Promise<ComposeResult>;
}
