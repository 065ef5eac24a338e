/** Lower-cases and trims an e-mail address so that one person has one spelling. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The web domain behind an e-mail address ("jane@mail.acme.io" → "acme.io" is not guessed: "mail.acme.io"). */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return null;
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase();
}
