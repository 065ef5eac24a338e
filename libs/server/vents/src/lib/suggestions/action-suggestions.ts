import {
  addBusinessDays,
  ApplicationStage,
  BusinessCalendar,
  ContactRole,
  EMPLOYER_SILENT_AFTER_DAYS,
  formatLocalDate,
  localDateTime,
} from '@followthrough/shared-domain';
import type { ApplicationSummary } from '@followthrough/server-pipeline';
import { MAX_ACTION_TITLE } from '../vent-limits';
import { VentTheme } from '../themes/vent-themes';

/** A concrete next step, proposed from a vent; the client or coach edits it before it becomes an action. */
export interface ActionDraft {
  title: string;
  /** YYYY-MM-DD. */
  dueOn: string;
  applicationId: string | null;
  theme: VentTheme | null;
  /** Why this step, in a sentence: what in the client's pipeline it answers. */
  reason: string;
}

export interface SuggestionInput {
  themes: VentTheme[];
  /** The client's applications (ApplicationDirectory.applicationSummaries). */
  applications: ApplicationSummary[];
  /** The application the vent is about, if any: it comes first wherever it fits. */
  ventApplicationId: string | null;
  today: Date;
  /** The agency's calendar, which the drafts' due dates fall on; Monday to Friday in UTC when not given. */
  calendar?: BusinessCalendar;
}

export const MAX_SUGGESTIONS = 5;
const DAY_MS = 86_400_000;

// How a contact is named in a draft: "Call Dana Lee (hiring manager) at Acme …".
const ROLE_SHORT: Record<ContactRole, string> = {
  [ContactRole.HIRING_MANAGER]: 'hiring manager',
  [ContactRole.RECRUITER]: 'recruiter',
  [ContactRole.SALES]: 'Sales',
  [ContactRole.RECEPTION]: 'reception',
  [ContactRole.REFERRAL]: 'referral',
  [ContactRole.OTHER]: 'contact',
};

const AWAITING: ApplicationStage[] = [ApplicationStage.APPLIED, ApplicationStage.SCREENING];
const OPEN: ApplicationStage[] = [
  ApplicationStage.APPLIED,
  ApplicationStage.SCREENING,
  ApplicationStage.INTERVIEWING,
  ApplicationStage.OFFER,
];

const WEEKDAYS_IN_UTC: BusinessCalendar = { timezone: 'UTC', workingWeekdays: [1, 2, 3, 4, 5], holidays: [] };

/** `days` business days on the calendar after `from`'s local date, as YYYY-MM-DD; 0 days is that date itself. */
export function workingDaysAfter(from: Date, days: number, calendar: BusinessCalendar = WEEKDAYS_IN_UTC): string {
  const day = days === 0 ? from : addBusinessDays(from, days, calendar);
  return formatLocalDate(localDateTime(day, calendar.timezone));
}

/** Drafts must fit an action's title. */
function clip(title: string): string {
  return title.length <= MAX_ACTION_TITLE ? title : `${title.slice(0, MAX_ACTION_TITLE - 1).trimEnd()}…`;
}

function daysSince(date: Date | null, today: Date): number | null {
  return date ? Math.floor((today.getTime() - date.getTime()) / DAY_MS) : null;
}

function sentOn(application: ApplicationSummary): Date {
  return application.appliedAt ?? application.createdAt;
}

/** Sent a while ago, still waiting, and nobody at the employer has answered yet. */
function isSilent(application: ApplicationSummary, today: Date): boolean {
  const age = daysSince(sentOn(application), today) ?? 0;
  return AWAITING.includes(application.stage) && application.lastHeardAt === null && age >= EMPLOYER_SILENT_AFTER_DAYS;
}

/** The way to a person at this company when no one with a phone is known yet. */
function findThePerson(application: ApplicationSummary): string {
  const role = `the ${application.title} role`;
  if (application.companySalesPhone) {
    return `Call ${application.companyName}'s Sales line (${application.companySalesPhone}) and ask who recruits for ${role}; write down the name and number`;
  }
  if (application.companyMainPhone) {
    return `Call ${application.companyName}'s switchboard (${application.companyMainPhone}), ask for Sales, and ask them who recruits for ${role}`;
  }
  const where = application.companyDomain ? ` on ${application.companyDomain}` : ' on its website';
  return `Look up ${application.companyName}'s main number${where}, call and ask Sales who recruits for ${role}`;
}

function callAbout(application: ApplicationSummary, ask: string): string {
  const contact = application.phoneContact;
  if (contact) return `Call ${contact.name} (${ROLE_SHORT[contact.role]}) at ${application.companyName} ${ask}`;
  return `${findThePerson(application)}, then call them ${ask}`;
}

function ageText(application: ApplicationSummary, today: Date): string {
  const days = daysSince(sentOn(application), today) ?? 0;
  return `${days} day${days === 1 ? '' : 's'}`;
}

/**
 * Turns a vent's themes into concrete drafts tied to the client's real applications: which company,
 * which role, whom to call and how to reach them. Pure: the same input gives the same drafts.
 */
export function suggestActions(input: SuggestionInput): ActionDraft[] {
  const { today } = input;
  // A vent about one application is answered about that application alone: a step at another
  // company would be filed under the wrong application and read as not listening.
  const focus = input.applications.find((application) => application.id === input.ventApplicationId) ?? null;
  const applications = focus ? [focus] : input.applications;
  const oldestFirst = [...applications].sort((a, b) => sentOn(a).getTime() - sentOn(b).getTime());
  const newestFirst = [...applications].sort((a, b) => sentOn(b).getTime() - sentOn(a).getTime());
  const silent = oldestFirst.filter((application) => isSilent(application, today));
  const open = oldestFirst.filter((application) => OPEN.includes(application.stage));

  const drafts: ActionDraft[] = [];
  const taken = new Set<string>();
  const add = (theme: VentTheme | null, about: ApplicationSummary | null, title: string, reason: string) => {
    const application = about ?? focus;
    const key = application ? `${theme}:${application.id}` : `${theme}:-`;
    if (drafts.length >= MAX_SUGGESTIONS || taken.has(key)) return;
    // One draft per application across themes: the first (most pressing) wins.
    if (application && drafts.some((draft) => draft.applicationId === application.id)) return;
    taken.add(key);
    drafts.push({
      title: clip(title),
      dueOn: workingDaysAfter(today, Math.min(drafts.length + 1, 3), input.calendar),
      applicationId: application?.id ?? null,
      theme,
      reason,
    });
  };

  // Applications that have no draft yet: each gets at most one, from the most pressing theme.
  const fresh = (applications: ApplicationSummary[]) =>
    applications.filter((a) => !drafts.some((draft) => draft.applicationId === a.id));

  for (const theme of input.themes) {
    switch (theme) {
      case VentTheme.NO_RESPONSE:
        for (const application of fresh(silent).slice(0, 3)) {
          add(
            theme,
            application,
            callAbout(
              application,
              `about your ${application.title} application: ask whether it arrived, where it stands and what happens next`,
            ),
            `No answer from ${application.companyName} in the ${ageText(application, today)} since you applied; a call gets an answer an e-mail does not.`,
          );
        }
        break;
      case VentTheme.NO_CALLBACK:
        for (const application of fresh(
          oldestFirst.filter((a) => AWAITING.includes(a.stage) && a.followUpCount > 0 && a.lastHeardAt === null),
        ).slice(0, 2)) {
          const whom = application.phoneContact ? application.phoneContact.name : 'the hiring manager';
          add(
            theme,
            application,
            `Stop by ${application.companyName} in person, ask for ${whom} and introduce yourself about the ${application.title} role`,
            `You have reached out to ${application.companyName} ${application.followUpCount} time${application.followUpCount === 1 ? '' : 's'} without an answer; a visit is harder to overlook.`,
          );
        }
        break;
      case VentTheme.NO_PHONE:
        for (const application of fresh(open.filter((a) => !a.hasPhoneContact)).slice(0, 3)) {
          add(
            theme,
            application,
            findThePerson(application),
            application.noReachableContact
              ? `You marked ${application.companyName} as having nobody to reach; Sales always answers and knows who hires.`
              : `No one with a phone number is saved for ${application.companyName} yet.`,
          );
        }
        break;
      case VentTheme.REJECTION: {
        const rejected = fresh(
          newestFirst.filter((application) => application.stage === ApplicationStage.REJECTED),
        ).slice(0, 2);
        for (const application of rejected) {
          add(
            theme,
            application,
            callAbout(
              application,
              `and ask for feedback on your ${application.title} application; listen, thank them, and do not argue`,
            ),
            `${application.companyName} said no; what they tell you shapes the next applications.`,
          );
        }
        if (rejected.length === 0) {
          add(
            theme,
            null,
            'Next time a company says no, call and ask what would have made your application stronger',
            'Feedback after a rejection is the most useful information a search gets.',
          );
        }
        break;
      }
      case VentTheme.CALL_NERVES: {
        const target = fresh(silent)[0] ?? fresh(open)[0];
        if (target) {
          add(
            theme,
            target,
            `Write three short questions for a call to ${target.companyName} about the ${target.title} role and rehearse them once with your coach before dialling`,
            'A written script makes the first call much easier; you are asking for information, not for a job.',
          );
        }
        break;
      }
      case VentTheme.INTERVIEW:
        for (const application of fresh(
          oldestFirst.filter(
            (a) => a.stage === ApplicationStage.SCREENING || a.stage === ApplicationStage.INTERVIEWING,
          ),
        ).slice(0, 2)) {
          add(
            theme,
            application,
            callAbout(
              application,
              `and ask how the ${application.title} hiring process runs: how many rounds, who you will meet, and when they decide`,
            ),
            `You are in ${application.companyName}'s process; knowing its steps takes the guesswork out.`,
          );
        }
        break;
      case VentTheme.BURNOUT: {
        const target = fresh(silent)[0] ?? fresh(open)[0];
        if (target) {
          add(
            theme,
            target,
            `Just one thing today: a single call to ${target.companyName} about the ${target.title} role; leave the rest of the list for tomorrow`,
            'One small, finished step beats a long list that never starts.',
          );
        }
        break;
      }
    }
  }

  if (drafts.length === 0) {
    const target = silent[0] ?? open[0] ?? focus;
    if (target) {
      add(
        null,
        target,
        callAbout(target, `about your ${target.title} application and ask where it stands`),
        `${target.companyName} is the application that has waited longest for a person-to-person touch.`,
      );
    } else {
      add(
        null,
        null,
        'Write down every job you have applied to so far, so each one gets a follow-up plan',
        'There are no open applications in your pipeline yet.',
      );
    }
  }
  return drafts;
}
