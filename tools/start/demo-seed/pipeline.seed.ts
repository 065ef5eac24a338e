import type { DemoAgency, DemoPerson } from './demo-agency.seed';

type Channel = 'EMAIL' | 'PHONE' | 'IN_PERSON' | 'LINKEDIN' | 'SALES_LINE';

interface DemoTouch {
  daysAgo: number;
  channel: Channel;
  purpose: 'STATUS_CHECK' | 'PROCESS_INFO' | 'FEEDBACK_REQUEST' | 'FIND_CONTACT' | 'THANK_YOU';
  outcome?: string;
  direction?: 'OUTBOUND' | 'INBOUND';
  notes?: string;
  /** Name of a contact of this application (added first) the touch was with. */
  with?: string;
  /** Logged by the client's coach, on the client's behalf. */
  byCoach?: boolean;
}

interface DemoContact {
  name: string;
  role: 'HIRING_MANAGER' | 'RECRUITER' | 'SALES' | 'RECEPTION' | 'REFERRAL' | 'OTHER';
  phone?: string;
  email?: string;
  howFound: 'JOB_POST' | 'EMAIL_DOMAIN' | 'SALES_LINE' | 'RECEPTION' | 'LINKEDIN' | 'REFERRAL';
}

interface DemoApplication {
  companyName: string;
  companyDomain?: string;
  recruiterEmail?: string;
  companyMainPhone?: string;
  companySalesPhone?: string;
  title: string;
  source: string;
  appliedDaysAgo: number | null;
  contacts?: DemoContact[];
  touches?: DemoTouch[];
  /** Stages it moved through after it was created as APPLIED (or SAVED when appliedDaysAgo is null). */
  moves?: Array<{ stage: string; note?: string }>;
  noReachableContact?: string;
}

// One small, plausible pipeline per demo client (in DEMO_CLIENTS order). Every follow-up channel appears.
const PIPELINES: DemoApplication[][] = [
  [
    {
      companyName: 'Northwind Analytics',
      recruiterEmail: 'jordan.miles@northwind-analytics.example',
      companySalesPhone: '+1 212 555 0142',
      title: 'Backend Engineer',
      source: 'Company careers page',
      appliedDaysAgo: 18,
      contacts: [{ name: 'Elena Ruiz', role: 'HIRING_MANAGER', phone: '+1 212 555 0187', howFound: 'SALES_LINE' }],
      touches: [
        {
          daysAgo: 12,
          channel: 'EMAIL',
          purpose: 'STATUS_CHECK',
          outcome: 'NO_ANSWER',
          notes: 'Short note to the recruiter; no reply.',
        },
        {
          daysAgo: 6,
          channel: 'SALES_LINE',
          purpose: 'FIND_CONTACT',
          outcome: 'GOT_CONTACT_NAME',
          notes: 'Sales said Elena Ruiz leads the data platform team.',
        },
        {
          daysAgo: 3,
          channel: 'PHONE',
          purpose: 'STATUS_CHECK',
          outcome: 'VOICEMAIL',
          with: 'Elena Ruiz',
          notes: 'Left a 20-second message with my number.',
        },
      ],
    },
    {
      companyName: 'Bluepeak Systems',
      companyDomain: 'bluepeak.example',
      title: 'Platform Engineer',
      source: 'Referral from a former colleague',
      appliedDaysAgo: 25,
      contacts: [{ name: 'Sam Okafor', role: 'REFERRAL', phone: '+1 646 555 0110', howFound: 'REFERRAL' }],
      touches: [
        {
          daysAgo: 20,
          channel: 'LINKEDIN',
          purpose: 'STATUS_CHECK',
          outcome: 'GOT_STATUS',
          with: 'Sam Okafor',
          notes: 'Sam passed my CV to the hiring manager.',
        },
        {
          daysAgo: 14,
          channel: 'PHONE',
          purpose: 'PROCESS_INFO',
          outcome: 'GOT_PROCESS_INFO',
          byCoach: true,
          notes: 'Two rounds: a systems design call, then a half-day on site.',
        },
      ],
      moves: [{ stage: 'SCREENING', note: 'Recruiter screen booked' }],
    },
    {
      companyName: 'Corvid Labs',
      title: 'Site Reliability Engineer',
      source: 'Job board',
      appliedDaysAgo: 35,
      contacts: [
        {
          name: 'Nadia Shah',
          role: 'RECRUITER',
          phone: '+1 415 555 0199',
          email: 'nadia.shah@corvidlabs.example',
          howFound: 'JOB_POST',
        },
      ],
      touches: [
        {
          daysAgo: 9,
          channel: 'EMAIL',
          purpose: 'STATUS_CHECK',
          outcome: 'REJECTED',
          direction: 'INBOUND',
          with: 'Nadia Shah',
        },
        {
          daysAgo: 7,
          channel: 'PHONE',
          purpose: 'FEEDBACK_REQUEST',
          outcome: 'GOT_FEEDBACK',
          with: 'Nadia Shah',
          notes: 'They wanted more on-call experience; worth stressing next time.',
        },
      ],
      moves: [{ stage: 'REJECTED', note: 'Rejection e-mail after the screen' }],
    },
    { companyName: 'Harbor Freight Logistics', title: 'Data Engineer', source: 'Newsletter', appliedDaysAgo: null },
  ],
  [
    {
      companyName: 'Tandem Manufacturing',
      companyMainPhone: '+1 312 555 0133',
      title: 'Mechanical Design Engineer',
      source: 'Job board',
      appliedDaysAgo: 11,
      contacts: [{ name: 'Greg Holm', role: 'HIRING_MANAGER', phone: '+1 312 555 0171', howFound: 'RECEPTION' }],
      touches: [
        {
          daysAgo: 6,
          channel: 'PHONE',
          purpose: 'FIND_CONTACT',
          outcome: 'GATEKEEPER',
          notes: 'Reception would not put me through but gave a name.',
        },
        {
          daysAgo: 3,
          channel: 'IN_PERSON',
          purpose: 'STATUS_CHECK',
          outcome: 'SPOKE_TO_DECISION_MAKER',
          with: 'Greg Holm',
          notes: 'Dropped by with a printed CV; Greg asked me in for a talk.',
        },
      ],
      moves: [{ stage: 'INTERVIEWING', note: 'Interview with Greg next week' }],
    },
    {
      companyName: 'Quarry Stone Works',
      title: 'CAD Technician',
      source: 'Local paper',
      appliedDaysAgo: 16,
      touches: [{ daysAgo: 10, channel: 'EMAIL', purpose: 'STATUS_CHECK', outcome: 'NO_ANSWER' }],
      noReachableContact: 'No phone or name anywhere online; the e-mail address bounces.',
    },
    {
      companyName: 'Lumen Robotics',
      recruiterEmail: 'talent@lumen-robotics.example',
      title: 'Test Engineer',
      source: 'LinkedIn',
      appliedDaysAgo: 5,
    },
  ],
  [
    {
      companyName: 'Greenleaf Health',
      companyDomain: 'greenleafhealth.example',
      companySalesPhone: '+1 617 555 0120',
      title: 'Product Analyst',
      source: 'Company careers page',
      appliedDaysAgo: 22,
      touches: [{ daysAgo: 15, channel: 'EMAIL', purpose: 'STATUS_CHECK', outcome: 'NO_ANSWER' }],
    },
    {
      companyName: 'Atlas Insurance Group',
      title: 'Business Analyst',
      source: 'Job board',
      appliedDaysAgo: 30,
      contacts: [{ name: 'Maria Chen', role: 'RECRUITER', phone: '+1 617 555 0166', howFound: 'LINKEDIN' }],
      touches: [
        {
          daysAgo: 24,
          channel: 'LINKEDIN',
          purpose: 'FIND_CONTACT',
          outcome: 'GOT_CONTACT_NAME',
          notes: 'Found the recruiter through a shared group.',
        },
        { daysAgo: 18, channel: 'PHONE', purpose: 'STATUS_CHECK', outcome: 'INTERVIEW_OFFERED', with: 'Maria Chen' },
        {
          daysAgo: 4,
          channel: 'EMAIL',
          purpose: 'THANK_YOU',
          with: 'Maria Chen',
          notes: 'Thank-you note after the final round.',
        },
      ],
      moves: [
        { stage: 'INTERVIEWING', note: 'First interview' },
        { stage: 'OFFER', note: 'Verbal offer, written one promised by Friday' },
      ],
    },
  ],
  [
    {
      companyName: 'Vertex Consulting',
      recruiterEmail: 'anika.rao@vertex-consulting.example',
      companySalesPhone: '+1 972 555 0104',
      title: 'Embedded Software Consultant',
      source: 'Recruiter e-mail',
      appliedDaysAgo: 20,
      contacts: [{ name: 'Tom Becker', role: 'SALES', phone: '+1 972 555 0104', howFound: 'SALES_LINE' }],
      touches: [
        {
          daysAgo: 14,
          channel: 'SALES_LINE',
          purpose: 'FIND_CONTACT',
          outcome: 'GOT_CONTACT_NAME',
          with: 'Tom Becker',
          notes: 'Tom in Sales named the lead recruiter and her extension.',
        },
        { daysAgo: 8, channel: 'PHONE', purpose: 'STATUS_CHECK', outcome: 'VOICEMAIL' },
        {
          daysAgo: 2,
          channel: 'IN_PERSON',
          purpose: 'STATUS_CHECK',
          outcome: 'GOT_STATUS',
          notes: 'Visited the office; still reviewing, decision in two weeks.',
        },
      ],
    },
    { companyName: 'Keystone Energy', title: 'Controls Engineer', source: 'Job board', appliedDaysAgo: 9 },
  ],
  [
    {
      companyName: 'Brightwater Schools',
      title: 'IT Support Specialist',
      source: 'District website',
      appliedDaysAgo: 13,
      contacts: [{ name: 'Linda Park', role: 'RECEPTION', phone: '+1 503 555 0177', howFound: 'RECEPTION' }],
      touches: [
        {
          daysAgo: 5,
          channel: 'PHONE',
          purpose: 'PROCESS_INFO',
          outcome: 'GOT_PROCESS_INFO',
          with: 'Linda Park',
          byCoach: true,
        },
      ],
      moves: [{ stage: 'SCREENING' }],
    },
    {
      companyName: 'Cascade Outfitters',
      title: 'Systems Administrator',
      source: 'Job board',
      appliedDaysAgo: 27,
      moves: [{ stage: 'WITHDRAWN', note: 'Took the role off the list: relocation needed' }],
    },
  ],
  [
    {
      companyName: 'Solaris Grid',
      companyDomain: 'solarisgrid.example',
      title: 'Electrical Engineer',
      source: 'Job fair',
      appliedDaysAgo: 40,
      contacts: [{ name: 'Rui Costa', role: 'HIRING_MANAGER', phone: '+1 305 555 0150', howFound: 'LINKEDIN' }],
      touches: [
        { daysAgo: 33, channel: 'LINKEDIN', purpose: 'STATUS_CHECK', outcome: 'GOT_STATUS', with: 'Rui Costa' },
        { daysAgo: 21, channel: 'IN_PERSON', purpose: 'PROCESS_INFO', outcome: 'INTERVIEW_OFFERED', with: 'Rui Costa' },
      ],
      moves: [
        { stage: 'INTERVIEWING' },
        { stage: 'OFFER' },
        { stage: 'HIRED', note: 'Starts on the first of next month' },
      ],
    },
  ],
];

const CREATE_APPLICATION = `mutation SeedApplication($input: CreateApplicationInput!) { createApplication(input: $input) { id companyId } }`;
const ADD_CONTACT = `mutation SeedContact($input: AddContactInput!) { addContact(input: $input) { id name } }`;
const LOG_FOLLOW_UP = `mutation SeedFollowUp($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
const UPDATE_STAGE = `mutation SeedStage($input: UpdateApplicationStageInput!) { updateApplicationStage(input: $input) { id } }`;
const MARK = `mutation SeedUnreachable($input: MarkNoReachableContactInput!) { markNoReachableContact(input: $input) { id } }`;
const HAS_APPLICATIONS = `query SeedHasApplications { applications(first: 1) { edges { node { id } } } }`;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000 - 3_600_000).toISOString();

async function seedApplication(person: DemoPerson, coach: DemoPerson, spec: DemoApplication): Promise<void> {
  const { companyName, companyDomain, recruiterEmail, companyMainPhone, companySalesPhone, title, source } = spec;
  const created = (
    await person.client.ok(CREATE_APPLICATION, {
      input: {
        companyName,
        companyDomain,
        recruiterEmail,
        companyMainPhone,
        companySalesPhone,
        title,
        source,
        stage: spec.appliedDaysAgo === null ? 'SAVED' : 'APPLIED',
        appliedAt: spec.appliedDaysAgo === null ? undefined : daysAgo(spec.appliedDaysAgo),
      },
    })
  )['createApplication'];
  const contactIds = new Map<string, string>();
  for (const contact of spec.contacts ?? []) {
    const added = (await person.client.ok(ADD_CONTACT, { input: { companyId: created.companyId, ...contact } }))[
      'addContact'
    ];
    contactIds.set(added.name, added.id);
  }
  for (const touch of spec.touches ?? []) {
    const who = touch.byCoach ? coach : person;
    await who.client.ok(LOG_FOLLOW_UP, {
      input: {
        applicationId: created.id,
        channel: touch.channel,
        purpose: touch.purpose,
        outcome: touch.outcome,
        direction: touch.direction,
        notes: touch.notes,
        occurredAt: daysAgo(touch.daysAgo),
        contactId: touch.with ? contactIds.get(touch.with) : undefined,
      },
    });
  }
  for (const move of spec.moves ?? []) {
    await person.client.ok(UPDATE_STAGE, { input: { applicationId: created.id, stage: move.stage, note: move.note } });
  }
  if (spec.noReachableContact) {
    await person.client.ok(MARK, { input: { applicationId: created.id, reason: spec.noReachableContact } });
  }
}

/**
 * Applications at several stages, contacts, and follow-ups of every channel (some logged by the
 * coach on the client's behalf). Idempotent: a client who already has applications is left alone.
 */
export async function seedDemoPipeline(agency: DemoAgency): Promise<void> {
  for (const [index, person] of agency.clients.entries()) {
    const existing = (await person.client.ok(HAS_APPLICATIONS))['applications'].edges;
    if (existing.length > 0) continue;
    const coach = agency.coaches[index % agency.coaches.length];
    for (const spec of PIPELINES[index % PIPELINES.length]) await seedApplication(person, coach, spec);
  }
}
