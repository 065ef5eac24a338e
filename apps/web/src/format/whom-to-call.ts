import { ContactRole, FollowUpChannel, FollowUpPurpose } from '@followthrough/shared-domain';
import type { CompanyFieldsFragment as Company, ContactFieldsFragment as Contact } from '../api/generated/graphql';

export interface CallTarget {
  /** Whom the person asks for ("Dana Lee, Hiring manager", "the Sales line"). */
  whom: string;
  phone: string;
  contactId: string | null;
}

// Who is worth calling first about an application, best first.
const ROLE_PREFERENCE: ContactRole[] = [
  ContactRole.HIRING_MANAGER,
  ContactRole.RECRUITER,
  ContactRole.REFERRAL,
  ContactRole.OTHER,
  ContactRole.RECEPTION,
  ContactRole.SALES,
];

/**
 * The number to call for a step: the best contact with a phone, else the company's main line, else its
 * Sales line. A step that is about finding who recruits goes to the Sales line first, as the playbook says.
 */
export function whomToCall(
  step: { channel: FollowUpChannel; purpose: FollowUpPurpose },
  contacts: Array<Pick<Contact, 'id' | 'name' | 'role' | 'phone'>>,
  company: Pick<Company, 'name' | 'mainPhone' | 'salesPhone'>,
  roleLabels: Record<ContactRole, string>,
): CallTarget | null {
  const salesLine = company.salesPhone
    ? { whom: `the Sales line of ${company.name}`, phone: company.salesPhone, contactId: null }
    : null;
  const mainLine = company.mainPhone
    ? { whom: `the main line of ${company.name}`, phone: company.mainPhone, contactId: null }
    : null;
  if (step.channel === FollowUpChannel.SALES_LINE || step.purpose === FollowUpPurpose.FIND_CONTACT)
    return salesLine ?? mainLine;
  const reachable = contacts
    .filter((contact) => contact.phone)
    .sort((a, b) => ROLE_PREFERENCE.indexOf(a.role) - ROLE_PREFERENCE.indexOf(b.role));
  const contact = reachable[0];
  if (contact?.phone)
    return {
      whom: `${contact.name}, ${roleLabels[contact.role].toLowerCase()}`,
      phone: contact.phone,
      contactId: contact.id,
    };
  return mainLine ?? salesLine;
}

/** A tel: address: digits and a leading + only (extensions dropped). */
export function telHref(phone: string): string {
  const withoutExtension = phone.split(/\s*(?:x|ext\.?)\s*\d+$/i)[0];
  const plus = withoutExtension.trim().startsWith('+') ? '+' : '';
  return `tel:${plus}${withoutExtension.replace(/\D/g, '')}`;
}
