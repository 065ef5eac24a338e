import { REMINDER_KINDS, ReminderKind } from '@followthrough/shared-domain';
import { badInput } from '@followthrough/server-core';
import type { ReminderRefs } from '../entities';

const KIND = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
const REF_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,39}$/;
// Ids only: uuids, numbers, slugs. No spaces, no "@" — nothing that could be a name or an address.
const REF_VALUE = /^[A-Za-z0-9_-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A kind the product sends (ReminderKinds): an unknown one is refused when scheduled, not found out when due. */
export function assertKind(kind: string): asserts kind is ReminderKind {
  if (typeof kind !== 'string' || kind.length > 64 || !KIND.test(kind)) {
    throw badInput('kind', 'must be lower-case words joined by "." or "-", e.g. "playbook.step-due"');
  }
  if (!(REMINDER_KINDS as readonly string[]).includes(kind)) {
    throw badInput('kind', `is not a kind of reminder (one of ${REMINDER_KINDS.join(', ')})`);
  }
}

export function assertIdempotencyKey(key: string, field = 'idempotencyKey'): void {
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw badInput(field, 'must be 1–200 printable ASCII characters without spaces');
  }
}

export function assertUuid(value: string, field: string): void {
  if (typeof value !== 'string' || !UUID.test(value)) throw badInput(field, 'must be a UUID');
}

/** Payloads carry ids only: at most 10 named ids, each a short token. */
export function assertRefs(refs: ReminderRefs): void {
  if (!refs || typeof refs !== 'object' || Array.isArray(refs)) throw badInput('refs', 'must be an object of ids');
  const entries = Object.entries(refs);
  if (entries.length > 10) throw badInput('refs', 'may name at most 10 ids');
  for (const [name, value] of entries) {
    if (!REF_NAME.test(name)) throw badInput('refs', `"${name}" is not a valid id name`);
    if (typeof value !== 'string' || !REF_VALUE.test(value))
      throw badInput(`refs.${name}`, 'must be an id (letters, digits, "_" or "-")');
  }
}

/** Escapes LIKE wildcards so that a prefix matches literally. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
