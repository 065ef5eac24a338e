/**
 * How a failed hand-off to SMTP should be treated. A 5xx reply is the server's final word about
 * this message or address (RFC 5321 §4.2.1): trying again only repeats it. A 4xx reply, a timeout
 * or a dropped connection may pass: retry later.
 */
export type MailFailureKind = 'permanent' | 'temporary';

export interface MailFailure {
  kind: MailFailureKind;
  /** The SMTP reply code when the server gave one. */
  responseCode: number | null;
  /** One line a person can read in the reminders list. */
  reason: string;
}

export function classifyMailFailure(error: unknown): MailFailure {
  const raw = (error ?? {}) as { responseCode?: unknown; response?: unknown; message?: unknown };
  const responseCode = typeof raw.responseCode === 'number' ? raw.responseCode : null;
  const text = String(raw.response ?? raw.message ?? error)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
  const permanent = responseCode !== null && responseCode >= 500 && responseCode < 600;
  return { kind: permanent ? 'permanent' : 'temporary', responseCode, reason: text };
}
