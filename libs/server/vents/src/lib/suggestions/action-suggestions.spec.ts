import { ApplicationStage, ContactRole } from '@followthrough/shared-domain';
import type { ApplicationSummary } from '@followthrough/server-pipeline';
import { VentTheme } from '../themes/vent-themes';
import { MAX_SUGGESTIONS, suggestActions, workingDaysAfter } from './action-suggestions';

// A Wednesday.
const TODAY = new Date('2026-03-04T10:00:00Z');
const daysAgo = (days: number) => new Date(TODAY.getTime() - days * 86_400_000);

let counter = 0;
function application(overrides: Partial<ApplicationSummary>): ApplicationSummary {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    agencyId: 'agency',
    clientUserId: 'client',
    companyId: `company-${counter}`,
    companyName: `Company ${counter}`,
    companyDomain: null,
    companyMainPhone: null,
    companySalesPhone: null,
    title: 'Engineer',
    stage: ApplicationStage.APPLIED,
    appliedAt: daysAgo(10),
    lastTouchAt: null,
    lastHeardAt: null,
    followUpCount: 0,
    hasPhoneContact: false,
    phoneContact: null,
    noReachableContact: false,
    createdAt: daysAgo(10),
    ...overrides,
  };
}

describe('suggestActions', () => {
  it('proposes calling the hiring manager about the oldest silent applications, naming them', () => {
    const oldest = application({
      companyName: 'Acme',
      title: 'Firmware Engineer',
      appliedAt: daysAgo(21),
      hasPhoneContact: true,
      phoneContact: { id: 'c1', name: 'Dana Lee', role: ContactRole.HIRING_MANAGER },
    });
    const middle = application({
      companyName: 'Initech',
      title: 'Analyst',
      appliedAt: daysAgo(14),
      companyDomain: 'initech.example',
    });
    const recent = application({ companyName: 'Hooli', appliedAt: daysAgo(1) });
    const answered = application({ companyName: 'Globex', appliedAt: daysAgo(30), lastHeardAt: daysAgo(2) });
    const drafts = suggestActions({
      themes: [VentTheme.NO_RESPONSE],
      applications: [recent, middle, answered, oldest],
      ventApplicationId: null,
      today: TODAY,
    });

    expect(drafts.map((draft) => draft.applicationId)).toEqual([oldest.id, middle.id]);
    expect(drafts[0].title).toMatch(
      /^Call Dana Lee \(hiring manager\) at Acme about your Firmware Engineer application/,
    );
    expect(drafts[0].reason).toContain('21 days');
    // Without a phone contact, the draft says how to find one: the domain, the main number, Sales.
    expect(drafts[1].title).toMatch(
      /^Look up Initech's main number on initech\.example, call and ask Sales who recruits for the Analyst role/,
    );
    expect(drafts.every((draft) => draft.theme === VentTheme.NO_RESPONSE)).toBe(true);
  });

  it("sends a client with no phone number to the company's Sales line, with its number when known", () => {
    const withSales = application({ companyName: 'Umbrella', title: 'Chemist', companySalesPhone: '+1 555 010 7000' });
    const withMain = application({
      companyName: 'Soylent',
      title: 'Taster',
      companyMainPhone: '+1 555 010 8000',
      noReachableContact: true,
    });
    const reachable = application({
      companyName: 'Stark',
      hasPhoneContact: true,
      phoneContact: { id: 'c', name: 'Pepper', role: ContactRole.RECRUITER },
    });
    const drafts = suggestActions({
      themes: [VentTheme.NO_PHONE],
      applications: [withSales, withMain, reachable],
      ventApplicationId: null,
      today: TODAY,
    });
    expect(drafts).toHaveLength(2);
    expect(drafts[0].title).toBe(
      "Call Umbrella's Sales line (+1 555 010 7000) and ask who recruits for the Chemist role; write down the name and number",
    );
    expect(drafts[1].title).toContain("Call Soylent's switchboard (+1 555 010 8000), ask for Sales");
    expect(drafts[1].reason).toContain('marked Soylent as having nobody to reach');
  });

  it('asks for feedback on the latest rejections', () => {
    const older = application({ companyName: 'Cyberdyne', stage: ApplicationStage.REJECTED, appliedAt: daysAgo(40) });
    const newer = application({
      companyName: 'Tyrell',
      title: 'Designer',
      stage: ApplicationStage.REJECTED,
      appliedAt: daysAgo(12),
      hasPhoneContact: true,
      phoneContact: { id: 'c', name: 'Rachael', role: ContactRole.RECRUITER },
    });
    const drafts = suggestActions({
      themes: [VentTheme.REJECTION],
      applications: [older, newer],
      ventApplicationId: null,
      today: TODAY,
    });
    expect(drafts.map((draft) => draft.applicationId)).toEqual([newer.id, older.id]);
    expect(drafts[0].title).toBe(
      'Call Rachael (recruiter) at Tyrell and ask for feedback on your Designer application; listen, thank them, and do not argue',
    );
  });

  it('gives a general feedback step when the rejection is not in the pipeline', () => {
    const drafts = suggestActions({
      themes: [VentTheme.REJECTION],
      applications: [application({})],
      ventApplicationId: null,
      today: TODAY,
    });
    expect(drafts).toEqual([expect.objectContaining({ applicationId: null, theme: VentTheme.REJECTION })]);
  });

  it('suggests a visit where calls and e-mails went unanswered', () => {
    const chased = application({ companyName: 'Wonka', followUpCount: 3, lastTouchAt: daysAgo(2) });
    const drafts = suggestActions({
      themes: [VentTheme.NO_CALLBACK],
      applications: [chased],
      ventApplicationId: null,
      today: TODAY,
    });
    expect(drafts[0].title).toMatch(/^Stop by Wonka in person/);
    expect(drafts[0].reason).toContain('3 times');
  });

  it('proposes steps about the application the vent is about, and no other', () => {
    const oldest = application({ appliedAt: daysAgo(30) });
    const aboutThis = application({ appliedAt: daysAgo(5) });
    const drafts = suggestActions({
      themes: [VentTheme.NO_RESPONSE],
      applications: [oldest, aboutThis],
      ventApplicationId: aboutThis.id,
      today: TODAY,
    });
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.map((draft) => draft.applicationId)).toEqual(drafts.map(() => aboutThis.id));
  });

  it('still answers a vent about an application no theme fits, with a step about that application', () => {
    const silent = application({ appliedAt: daysAgo(30) });
    const fresh = application({ appliedAt: daysAgo(1), stage: ApplicationStage.REJECTED });
    const drafts = suggestActions({
      themes: [VentTheme.NO_RESPONSE],
      applications: [silent, fresh],
      ventApplicationId: fresh.id,
      today: TODAY,
    });
    expect(drafts).toHaveLength(1);
    expect(drafts[0].applicationId).toBe(fresh.id);
  });

  it('never proposes two steps for one application, and at most five in all', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      application({ appliedAt: daysAgo(10 + i), stage: i % 2 ? ApplicationStage.SCREENING : ApplicationStage.APPLIED }),
    );
    const drafts = suggestActions({
      themes: [
        VentTheme.NO_RESPONSE,
        VentTheme.NO_PHONE,
        VentTheme.INTERVIEW,
        VentTheme.CALL_NERVES,
        VentTheme.BURNOUT,
      ],
      applications: many,
      ventApplicationId: null,
      today: TODAY,
    });
    expect(drafts.length).toBe(MAX_SUGGESTIONS);
    const ids = drafts.map((draft) => draft.applicationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('falls back to the application waiting longest when no theme is recognised', () => {
    const waiting = application({ companyName: 'Oldest', appliedAt: daysAgo(50) });
    const drafts = suggestActions({
      themes: [],
      applications: [application({ appliedAt: daysAgo(4) }), waiting],
      ventApplicationId: null,
      today: TODAY,
    });
    expect(drafts).toEqual([expect.objectContaining({ applicationId: waiting.id, theme: null })]);
  });

  it('asks a client with an empty pipeline to write down their applications', () => {
    const drafts = suggestActions({
      themes: [VentTheme.NO_RESPONSE],
      applications: [],
      ventApplicationId: null,
      today: TODAY,
    });
    expect(drafts).toEqual([
      expect.objectContaining({ applicationId: null, title: expect.stringMatching(/^Write down every job/) }),
    ]);
  });

  it('dates drafts on the next working days', () => {
    const drafts = suggestActions({
      themes: [VentTheme.NO_RESPONSE],
      applications: [
        application({ appliedAt: daysAgo(30) }),
        application({ appliedAt: daysAgo(20) }),
        application({ appliedAt: daysAgo(10) }),
      ],
      ventApplicationId: null,
      today: TODAY,
    });
    expect(drafts.map((draft) => draft.dueOn)).toEqual(['2026-03-05', '2026-03-06', '2026-03-09']);
  });
});

describe('workingDaysAfter', () => {
  it('skips weekends', () => {
    expect(workingDaysAfter(new Date('2026-03-06T23:00:00Z'), 1)).toBe('2026-03-09');
    expect(workingDaysAfter(new Date('2026-03-07T12:00:00Z'), 0)).toBe('2026-03-07');
  });
});

describe('workingDaysAfter on the agency calendar', () => {
  it('skips the agency’s holidays and non-working days, on its local date', () => {
    const calendar = { timezone: 'Pacific/Auckland', workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-03-09'] };
    // Friday evening in Auckland is still Friday morning in UTC.
    expect(workingDaysAfter(new Date('2026-03-06T06:00:00Z'), 1, calendar)).toBe('2026-03-10');
    expect(workingDaysAfter(new Date('2026-03-06T06:00:00Z'), 2, calendar)).toBe('2026-03-11');
  });

  it('dates the drafts on business days of the calendar it is given', () => {
    const drafts = suggestActions({
      themes: [VentTheme.NO_RESPONSE],
      applications: [application({ appliedAt: daysAgo(30) }), application({ appliedAt: daysAgo(20) })],
      ventApplicationId: null,
      today: TODAY,
      calendar: { timezone: 'UTC', workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-03-05'] },
    });
    expect(drafts.map((draft) => draft.dueOn)).toEqual(['2026-03-06', '2026-03-09']);
  });
});
