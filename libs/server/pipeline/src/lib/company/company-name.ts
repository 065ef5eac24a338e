import { emailDomain } from '@followthrough/shared-domain';

// Legal-form words that do not tell two employers apart ("Acme Inc." is "Acme").
const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'bv',
  'nv',
  'plc',
  'pty',
  'oy',
  'ab',
  'as',
  'srl',
  'spa',
]);

// Mailbox providers: a recruiter writing from one of these says nothing about the employer's domain.
const MAILBOX_PROVIDERS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'mail.com',
  'zoho.com',
  'yandex.com',
  'fastmail.com',
]);

/** The key two spellings of one company share: case, spacing, punctuation and legal form ignored. */
export function normalizeCompanyName(name: string): string {
  const words = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/** Collapses inner white space; the display form of a company name as typed. */
export function tidyCompanyName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * A web domain from what a person typed: "https://www.Acme.io/careers" → "acme.io".
 * Null when it is not a plausible domain.
 */
export function normalizeWebDomain(input: string): string | null {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/, 1)[0];
  host = host
    .replace(/^[^@]*@/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '');
  host = host.replace(/^www\d*\./, '');
  if (host.length > 253) return null;
  const labels = host.split('.');
  if (labels.length < 2) return null;
  const validLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
  if (!labels.every((label) => validLabel.test(label))) return null;
  if (!/^[a-z]{2,63}$/.test(labels[labels.length - 1]) && !labels[labels.length - 1].startsWith('xn--')) return null;
  return host;
}

/** The employer's domain a recruiter's address reveals, or null for a personal mailbox. */
export function companyDomainFromEmail(email: string): string | null {
  const domain = emailDomain(email);
  if (!domain) return null;
  const normalized = normalizeWebDomain(domain);
  if (!normalized || MAILBOX_PROVIDERS.has(normalized)) return null;
  return normalized;
}

// Shared inboxes: the address names a function, not a person.
const ROLE_MAILBOXES =
  /^(jobs?|careers?|hr|recruit(ing|ment|er|ers)?|talent|hiring|people|info|contact|hello|apply|applications?|no-?reply|team)$/;

/** A name to file a contact under when only their e-mail address is known. */
export function contactNameFromEmail(email: string): string {
  const local = email
    .trim()
    .slice(0, Math.max(0, email.lastIndexOf('@')))
    .toLowerCase();
  const words = local
    .replace(/\+.*$/, '')
    .split(/[._-]+/)
    .filter((word) => /^\p{L}{2,}$/u.test(word));
  if (words.length === 0 || ROLE_MAILBOXES.test(local.replace(/\+.*$/, '')))
    return `Recruiter (${email.trim().toLowerCase()})`;
  return words.map((word) => word[0].toUpperCase() + word.slice(1)).join(' ');
}
