import { emailDomain, normalizeEmail } from './email';

describe('e-mail helpers', () => {
  it('normalizes case and surrounding space', () => {
    expect(normalizeEmail('  Jane.Doe@Acme.IO ')).toBe('jane.doe@acme.io');
  });

  it('derives the domain a recruiter writes from', () => {
    expect(emailDomain('Recruiter@Careers.Acme.com')).toBe('careers.acme.com');
    expect(emailDomain('not-an-address')).toBeNull();
    expect(emailDomain('trailing@')).toBeNull();
  });
});
