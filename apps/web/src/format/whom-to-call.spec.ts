import { ContactRole, FollowUpChannel, FollowUpPurpose } from '@followthrough/shared-domain';
import { CONTACT_ROLE_LABELS } from './domain-labels';
import { telHref, whomToCall } from './whom-to-call';

const company = { name: 'Acme', mainPhone: '+1 555 010 1000', salesPhone: '+1 555 010 2000' };
const statusCall = { channel: FollowUpChannel.PHONE, purpose: FollowUpPurpose.STATUS_CHECK };
const recruiter = { id: 'r', name: 'Jo Recruiter', role: ContactRole.RECRUITER, phone: '+1 555 010 3000' };
const manager = { id: 'm', name: 'Dana Lee', role: ContactRole.HIRING_MANAGER, phone: '+1 555 010 4000' };

describe('whomToCall', () => {
  it('prefers the hiring manager, then the recruiter, among contacts with a number', () => {
    expect(whomToCall(statusCall, [recruiter, manager], company, CONTACT_ROLE_LABELS)).toEqual({
      whom: 'Dana Lee, hiring manager',
      phone: '+1 555 010 4000',
      contactId: 'm',
    });
    expect(
      whomToCall(statusCall, [recruiter, { ...manager, phone: null }], company, CONTACT_ROLE_LABELS)?.contactId,
    ).toBe('r');
  });

  it('falls back on the main line, then the Sales line', () => {
    expect(whomToCall(statusCall, [], company, CONTACT_ROLE_LABELS)).toEqual({
      whom: 'the main line of Acme',
      phone: '+1 555 010 1000',
      contactId: null,
    });
    expect(whomToCall(statusCall, [], { ...company, mainPhone: null }, CONTACT_ROLE_LABELS)?.whom).toBe(
      'the Sales line of Acme',
    );
    expect(
      whomToCall(statusCall, [], { ...company, mainPhone: null, salesPhone: null }, CONTACT_ROLE_LABELS),
    ).toBeNull();
  });

  it('sends a find-who-recruits step to the Sales line first', () => {
    const find = { channel: FollowUpChannel.SALES_LINE, purpose: FollowUpPurpose.FIND_CONTACT };
    expect(whomToCall(find, [manager], company, CONTACT_ROLE_LABELS)?.whom).toBe('the Sales line of Acme');
  });
});

describe('telHref', () => {
  it('keeps the digits and a leading plus, without the extension', () => {
    expect(telHref('+1 (555) 010-2030 ext. 12')).toBe('tel:+15550102030');
    expect(telHref('020 7946 0000')).toBe('tel:02079460000');
  });
});
