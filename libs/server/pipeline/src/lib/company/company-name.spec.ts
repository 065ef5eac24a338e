import {
  companyDomainFromEmail,
  contactNameFromEmail,
  normalizeCompanyName,
  normalizeWebDomain,
  tidyCompanyName,
} from './company-name';

describe('company names', () => {
  it('gives one key to spellings that differ in case, spacing, punctuation and legal form', () => {
    const key = normalizeCompanyName('Acme Robotics');
    for (const spelling of [
      'ACME robotics',
      '  Acme   Robotics ',
      'Acme Robotics, Inc.',
      'acme-robotics LLC',
      'Acme Robotics GmbH',
    ]) {
      expect(normalizeCompanyName(spelling)).toBe(key);
    }
    expect(key).toBe('acme robotics');
  });

  it('keeps names apart that really differ', () => {
    expect(normalizeCompanyName('Acme Robotics')).not.toBe(normalizeCompanyName('Acme Robots'));
    expect(normalizeCompanyName('Procter & Gamble')).toBe(normalizeCompanyName('procter and gamble'));
  });

  it('never reduces a name to nothing because it is only a legal form', () => {
    expect(normalizeCompanyName('Company')).toBe('company');
    expect(normalizeCompanyName('Inc')).toBe('inc');
  });

  it('keeps letters of any script', () => {
    expect(normalizeCompanyName('Société Générale')).toBe('société générale');
    expect(normalizeCompanyName('ＡＣＭＥ')).toBe('acme');
  });

  it('tidies the display name without changing its case', () => {
    expect(tidyCompanyName('  Acme \t  Robotics ')).toBe('Acme Robotics');
  });
});

describe('web domains', () => {
  it('reduces what people paste to the bare domain', () => {
    expect(normalizeWebDomain('https://www.Acme.io/careers?x=1')).toBe('acme.io');
    expect(normalizeWebDomain('careers.acme.io')).toBe('careers.acme.io');
    expect(normalizeWebDomain('ACME.COM.')).toBe('acme.com');
    expect(normalizeWebDomain('http://acme.co.uk:8080')).toBe('acme.co.uk');
  });

  it('refuses what is not a domain', () => {
    expect(normalizeWebDomain('acme')).toBeNull();
    expect(normalizeWebDomain('not a domain.com')).toBeNull();
    expect(normalizeWebDomain('acme.123')).toBeNull();
    expect(normalizeWebDomain('')).toBeNull();
  });

  it("takes the employer's domain from a recruiter's address, but not from a personal mailbox", () => {
    expect(companyDomainFromEmail('Dana.Lee@Acme.io')).toBe('acme.io');
    expect(companyDomainFromEmail('someone@gmail.com')).toBeNull();
    expect(companyDomainFromEmail('broken-address')).toBeNull();
  });
});

describe('contact names from e-mail addresses', () => {
  it('reads a person’s name from the usual address shapes', () => {
    expect(contactNameFromEmail('dana.lee@acme.io')).toBe('Dana Lee');
    expect(contactNameFromEmail('Jean-Luc_Picard+jobs@acme.io')).toBe('Jean Luc Picard');
  });

  it('files a shared inbox as a recruiter with its address', () => {
    expect(contactNameFromEmail('Careers@Acme.io')).toBe('Recruiter (careers@acme.io)');
    expect(contactNameFromEmail('x1@acme.io')).toBe('Recruiter (x1@acme.io)');
  });
});
