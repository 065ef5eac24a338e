export interface DevMailMessage {
  id: string;
  receivedAt: string;
  from: string | null;
  to: string[];
  subject: string;
  text: string;
  listUnsubscribe: string | null;
}

export const DEV_MAILBOX = `query DevMailbox($first: Int) { devMailbox(first: $first) { id receivedAt from to subject text listUnsubscribe } }`;
export const DEV_MAILBOX_PROBE = `query DevMailboxProbe { devMailbox(first: 1) { id } }`;
