import type { DemoAgency, DemoPerson } from './demo-agency.seed';

interface DemoVent {
  text: string;
  mood: number;
  /** The application (by company name) the vent is about. */
  about?: string;
  shared: boolean;
  /** Who turns it into actions: the coach from the suggestions, or the client with their own steps. */
  convert?: { by: 'coach'; take: number } | { by: 'client'; titles: string[] };
  /** What happens to the resulting actions, in order. */
  settle?: Array<'DONE' | 'DROPPED' | 'OPEN'>;
}

interface DemoClientVents {
  vents: DemoVent[];
  /** Steps the coach sets directly, and whether the client already did them. */
  coachActions?: Array<{ title: string; about?: string; done?: boolean; dueInDays?: number }>;
  /** Steps the client plans for themself. */
  ownActions?: Array<{ title: string; done?: boolean }>;
}

// Per demo client, in DEMO_CLIENTS order: shared and private vents, and actions in every state.
const VENTS: DemoClientVents[] = [
  {
    vents: [
      {
        text: "It's been almost three weeks since I applied to Northwind and nothing. I e-mailed, I left a voicemail. I never hear back from anyone and I'm starting to feel invisible.",
        mood: 2,
        about: 'Northwind Analytics',
        shared: true,
        convert: { by: 'coach', take: 2 },
        settle: ['OPEN', 'DONE'],
      },
      {
        text: 'Corvid rejected me after the screen. At least the recruiter told me why when I called: not enough on-call experience.',
        mood: 3,
        about: 'Corvid Labs',
        shared: true,
        convert: { by: 'client', titles: ['Add my on-call rotation story to the top of my CV'] },
        settle: ['DONE'],
      },
      {
        text: 'Honestly exhausted today. Not sharing this one, I just needed to write it down.',
        mood: 2,
        shared: false,
      },
    ],
    ownActions: [{ title: 'Prepare two questions about the Bluepeak on-site day', done: false }],
  },
  {
    vents: [
      {
        text: 'Quarry Stone Works has no phone number anywhere and their e-mail bounces. Who am I supposed to call?',
        mood: 1,
        about: 'Quarry Stone Works',
        shared: true,
        convert: { by: 'coach', take: 2 },
        settle: ['DONE', 'DROPPED'],
      },
      {
        text: "Nervous about the Tandem interview. I'm not a natural talker and I freeze on the phone.",
        mood: 2,
        about: 'Tandem Manufacturing',
        shared: false,
      },
    ],
    coachActions: [
      { title: 'Bring two design samples to the Tandem interview', about: 'Tandem Manufacturing', dueInDays: 5 },
    ],
  },
  {
    vents: [
      {
        text: 'The Atlas offer is lower than I hoped. Not sure whether I can ask for more without losing it.',
        mood: 3,
        about: 'Atlas Insurance Group',
        shared: false,
      },
    ],
    coachActions: [
      {
        title: 'Compare the Atlas offer with two salary surveys before Friday',
        about: 'Atlas Insurance Group',
        dueInDays: 3,
      },
    ],
  },
  {
    vents: [
      {
        text: "I hate cold calling. I'm an engineer, not a sales person, and every call to a switchboard feels awkward.",
        mood: 2,
        shared: true,
        convert: { by: 'coach', take: 2 },
        // One dropped here too: a vent about one application may give a single suggestion only.
        settle: ['DROPPED', 'OPEN'],
      },
    ],
    ownActions: [{ title: 'Write a three-line script for calling Keystone Energy', done: true }],
  },
  {
    vents: [
      {
        text: 'No response from Cascade for a month, then I found out the job needs relocation anyway. What a waste of time.',
        mood: 2,
        shared: false,
      },
    ],
    ownActions: [{ title: 'Ask Brightwater reception when interviews are scheduled', done: true }],
  },
  {
    vents: [
      {
        text: 'Got the job at Solaris Grid! Visiting them in person made all the difference.',
        mood: 5,
        about: 'Solaris Grid',
        shared: true,
      },
    ],
    coachActions: [
      { title: 'Send thank-you notes to everyone who helped at Solaris Grid', about: 'Solaris Grid', done: true },
    ],
  },
];

const HAS_VENTS = `query SeedHasVents { vents(first: 1) { edges { node { id } } } }`;
const APPLICATIONS = `query SeedApplications { applications(first: 100) { edges { node { id company { name } } } } }`;
const CREATE_VENT = `mutation SeedVent($input: CreateVentInput!) { createVent(input: $input) { id } }`;
const SHARE = `mutation SeedShare($input: SetVentSharingInput!) { setVentSharing(input: $input) { id } }`;
const SUGGEST = `query SeedSuggest($ventId: ID!) { suggestedActions(ventId: $ventId) { title dueOn applicationId } }`;
const CONVERT = `mutation SeedConvert($input: ConvertVentToActionsInput!) { convertVentToActions(input: $input) { id actions { id } } }`;
const CREATE_ACTION = `mutation SeedAction($input: CreateActionInput!) { createAction(input: $input) { id } }`;
const COMPLETE = `mutation SeedComplete($id: ID!) { completeAction(id: $id) { id } }`;
const DROP = `mutation SeedDrop($id: ID!) { dropAction(id: $id) { id } }`;

function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function settle(
  person: DemoPerson,
  actionIds: string[],
  outcomes: Array<'DONE' | 'DROPPED' | 'OPEN'> = [],
): Promise<void> {
  for (const [index, id] of actionIds.entries()) {
    if (outcomes[index] === 'DONE') await person.client.ok(COMPLETE, { id });
    if (outcomes[index] === 'DROPPED') await person.client.ok(DROP, { id });
  }
}

async function seedClientVents(person: DemoPerson, coach: DemoPerson, plan: DemoClientVents): Promise<void> {
  const applications = (await person.client.ok(APPLICATIONS))['applications'].edges as {
    node: { id: string; company: { name: string } };
  }[];
  const applicationAt = (company?: string) => applications.find((edge) => edge.node.company.name === company)?.node.id;

  for (const spec of plan.vents) {
    const vent = (
      await person.client.ok(CREATE_VENT, {
        input: { text: spec.text, mood: spec.mood, applicationId: applicationAt(spec.about) },
      })
    )['createVent'];
    if (spec.shared) await person.client.ok(SHARE, { input: { ventId: vent.id, shared: true } });
    if (!spec.convert) continue;
    const converter = spec.convert.by === 'coach' ? coach : person;
    const drafts =
      spec.convert.by === 'coach'
        ? (
            (await coach.client.ok(SUGGEST, { ventId: vent.id }))['suggestedActions'] as {
              title: string;
              dueOn: string;
              applicationId: string | null;
            }[]
          ).slice(0, spec.convert.take)
        : spec.convert.titles.map((title) => ({
            title,
            dueOn: dayFromNow(2),
            applicationId: applicationAt(spec.about) ?? null,
          }));
    const converted = (await converter.client.ok(CONVERT, { input: { ventId: vent.id, actions: drafts } }))[
      'convertVentToActions'
    ];
    await settle(
      person,
      (converted.actions as { id: string }[]).map((action) => action.id),
      spec.settle,
    );
  }
  for (const step of plan.coachActions ?? []) {
    const action = (
      await coach.client.ok(CREATE_ACTION, {
        input: {
          clientUserId: person.userId,
          title: step.title,
          applicationId: applicationAt(step.about),
          dueOn: dayFromNow(step.dueInDays ?? 2),
        },
      })
    )['createAction'];
    if (step.done) await person.client.ok(COMPLETE, { id: action.id });
  }
  for (const step of plan.ownActions ?? []) {
    const action = (await person.client.ok(CREATE_ACTION, { input: { title: step.title, dueOn: dayFromNow(1) } }))[
      'createAction'
    ];
    if (step.done) await person.client.ok(COMPLETE, { id: action.id });
  }
}

/**
 * Shared and private vents, vents turned into actions by coaches and by clients, and actions open,
 * done and dropped. Idempotent: a client who already has vents is left alone.
 */
export async function seedDemoVents(agency: DemoAgency): Promise<void> {
  for (const [index, person] of agency.clients.entries()) {
    const existing = (await person.client.ok(HAS_VENTS))['vents'].edges;
    if (existing.length > 0) continue;
    await seedClientVents(person, agency.coaches[index % agency.coaches.length], VENTS[index % VENTS.length]);
  }
}
