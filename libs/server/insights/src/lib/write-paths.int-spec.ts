import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CoreModule, RecordedStatement, SqlStatementCounter } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { PlaybooksModule, PlaybooksWorkerModule, STEP_DUE_KIND } from '@followthrough/server-playbooks';
import { ReminderDispatcher, RemindersWorkerModule } from '@followthrough/server-reminders';
import { VentsModule } from '@followthrough/server-vents';
import {
  AgencyFixture,
  createAgencyFixture,
  createIsolatedDatabase,
  eventually,
  EVERY_DAY,
  IsolatedDatabase,
  seedBulkAgencyBasics,
  seedBulkCaseload,
  startTestApi,
  TestApi,
  TestSmtpServer,
  zoneWhereSendingIsAllowed,
} from '@followthrough/server-testing';
import { InsightsModule } from './insights.module';

const CREATE_APPLICATION = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const LOG = `mutation L($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
const STAGE = `mutation S($input: UpdateApplicationStageInput!) { updateApplicationStage(input: $input) { id stage } }`;
const NO_CONTACT = `mutation N($input: MarkNoReachableContactInput!) { markNoReachableContact(input: $input) { id } }`;
const CREATE_VENT = `mutation V($input: CreateVentInput!) { createVent(input: $input) { id } }`;
const SHARE_VENT = `mutation S($input: SetVentSharingInput!) { setVentSharing(input: $input) { id } }`;
const CONVERT = `mutation C($input: ConvertVentToActionsInput!) { convertVentToActions(input: $input) { id actions { id } } }`;
const COMPLETE = `mutation D($id: ID!) { completeAction(id: $id) { id status } }`;
const UPDATE_APPLICATION = `mutation U($input: UpdateApplicationInput!) { updateApplication(input: $input) { id } }`;
const ARCHIVE = `mutation A($id: ID!) { archiveApplication(applicationId: $id) { id } }`;
const RESTORE = `mutation R($id: ID!) { restoreApplication(applicationId: $id) { id } }`;
const CORRECT = `mutation K($input: CorrectFollowUpInput!) { correctFollowUp(input: $input) { id } }`;
const DELETE_FOLLOW_UP = `mutation X($id: ID!) { deleteFollowUp(followUpId: $id) }`;
const ADD_CONTACT = `mutation N($input: AddContactInput!) { addContact(input: $input) { id } }`;
const UPDATE_CONTACT = `mutation E($input: UpdateContactInput!) { updateContact(input: $input) { id } }`;
const DELETE_CONTACT = `mutation Y($id: ID!) { deleteContact(contactId: $id) }`;
const ASSIGN_MANY = `mutation M($input: AssignClientsToCoachInput!) { assignClientsToCoach(input: $input) { userId } }`;

/** Tables smaller than this may be read whole: the planner rightly prefers it. */
const LARGE_TABLE_ROWS = 10_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

interface Scan {
  statement: string;
  type: string;
  relation: string;
  index?: string;
  condition?: string;
}

/** Every scan in a plan; a bitmap index scan names its index only, so its table comes from `tableOfIndex`. */
function scansOf(statement: string, node: PlanNode, tableOfIndex: Map<string, string>, found: Scan[] = []): Scan[] {
  const relation = node['Relation Name'] ?? (node['Index Name'] ? tableOfIndex.get(node['Index Name']) : undefined);
  if (relation && node['Node Type'] !== 'ModifyTable') {
    found.push({
      statement,
      type: node['Node Type'],
      relation,
      index: node['Index Name'],
      condition: node['Index Cond'],
    });
  }
  for (const child of node.Plans ?? []) scansOf(statement, child, tableOfIndex, found);
  return found;
}

/** Columns an index condition narrows on, e.g. `((agency_id = $1) AND (cadence_id = $2))` → agency_id, cadence_id. */
function columnsOf(condition: string): string[] {
  return [...condition.matchAll(/\(?(\w+)\s*(?:=|<|>|<=|>=|@>)/g)].map((match) => match[1]);
}

/**
 * A scan of a large table is wrong when it is sequential, or when its index narrows on the tenant alone
 * (that reads the agency's whole history, which is what grows).
 */
function badScans(scans: Scan[], large: Set<string>): Scan[] {
  return scans.filter((scan) => {
    if (!large.has(scan.relation)) return false;
    if (scan.type === 'Seq Scan') return true;
    if (!scan.condition) return false;
    const columns = new Set(columnsOf(scan.condition));
    return columns.size === 1 && columns.has('agency_id');
  });
}

/** Statements that have a plan (transaction control and savepoints do not). */
const explainable = (statement: RecordedStatement) => /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(statement.text);

/**
 * Every statement of the pipeline's, the vents' and the planner's write paths, captured while they run
 * against an agency with a large history (about 11,000 applications, 33,000 follow-ups, 30,000 steps and
 * their reminders, analysed), is planned with its real parameters: none may scan a large table sequentially
 * or by the tenant alone. And `logFollowUp` stays within its statement budget.
 */
/** The worker side (reminder scan and sender, step e-mails) in this process, on the given database. */
async function startWorker(env: Record<string, string>): Promise<INestApplicationContext> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule, RemindersWorkerModule, PlaybooksWorkerModule],
    }).compile();
    moduleRef.useLogger(['error', 'warn']);
    await moduleRef.init();
    return moduleRef;
  } finally {
    process.env = saved;
  }
}

describe('write paths at scale', () => {
  let database: IsolatedDatabase;
  let smtp: TestSmtpServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let agency: AgencyFixture;
  let db: Client;
  let large: Set<string>;
  let tableOfIndex: Map<string, string>;

  beforeAll(async () => {
    // Its own database: a reminder worker scans every agency of its database.
    database = await createIsolatedDatabase('write_paths');
    smtp = await new TestSmtpServer().start();
    api = await startTestApi([IdentityModule, PipelineModule, PlaybooksModule, VentsModule, InsightsModule], {
      DATABASE_URL: database.url,
    });
    worker = await startWorker({
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      REDIS_URL: '',
      REMINDER_QUEUE_PREFIX: `ft-write-paths-${randomUUID().slice(0, 8)}`,
      // Scanned by the test itself, not by the job scheduler meanwhile.
      REMINDER_SCAN_EVERY_MS: '3600000',
    });
    agency = await createAgencyFixture(api.client, 'Busy Writers', 1, 1);
    db = new Client({ connectionString: database.ownerUrl });
    await db.connect();
    const basics = await seedBulkAgencyBasics(db, agency.agencyId, 400);
    await seedBulkCaseload(db, basics, {
      agencyId: agency.agencyId,
      coachUserId: agency.coaches[0].userId,
      label: 'Writers',
      clients: 560,
    });
    const tables = [
      'applications',
      'follow_ups',
      'step_instances',
      'cadences',
      'reminders',
      'application_stage_changes',
      'vents',
      'actions',
      'memberships',
      'coach_assignments',
      'users',
      'companies',
      'contacts',
      'audit_events',
      'playbook_versions',
      'playbooks',
    ];
    for (const table of tables) await db.query(`VACUUM ANALYZE ${table}`);
    const sizes = (
      await db.query(`SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relname = ANY($1)`, [tables])
    ).rows as {
      relname: string;
      reltuples: number;
    }[];
    large = new Set(sizes.filter((row) => row.reltuples > LARGE_TABLE_ROWS).map((row) => row.relname));
    const indexes = (await db.query(`SELECT indexname, tablename FROM pg_indexes WHERE schemaname = current_schema()`))
      .rows as { indexname: string; tablename: string }[];
    tableOfIndex = new Map(indexes.map((row) => [row.indexname, row.tablename]));
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await api?.close();
    await smtp?.stop();
    await database?.dispose();
  });

  async function plans(statements: RecordedStatement[]): Promise<Scan[]> {
    const scans: Scan[] = [];
    for (const statement of statements.filter(explainable)) {
      const [row] = (await db.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values)).rows as {
        'QUERY PLAN': { Plan: PlanNode }[];
      }[];
      scansOf(statement.text.replace(/\s+/g, ' ').slice(0, 160), row['QUERY PLAN'][0].Plan, tableOfIndex, scans);
    }
    return scans;
  }

  const client = () => agency.clients[0].client;
  const coach = () => agency.coaches[0].client;
  const recorded: { label: string; statements: RecordedStatement[] }[] = [];
  async function run<T>(label: string, work: () => Promise<T>): Promise<T> {
    let result: T | undefined;
    const statements = await SqlStatementCounter.record(async () => {
      result = await work();
    });
    recorded.push({ label, statements });
    return result as T;
  }

  it('the big tables really are big', () => {
    expect([...large].sort()).toEqual(
      expect.arrayContaining(['applications', 'follow_ups', 'reminders', 'step_instances']),
    );
  });

  it('runs each write path on indexes only', async () => {
    const created = await run('createApplication', () =>
      client().ok(CREATE_APPLICATION, {
        input: { companyName: 'Bulk Company 7', title: 'Analyst', companyMainPhone: '+1 555 010 0007' },
      }),
    );
    const applicationId = created['createApplication'].id as string;
    // An unanswered call plans a retry; an answered one completes it; then a stage change and a dead end.
    await run('logFollowUp (no answer)', () =>
      client().ok(LOG, { input: { applicationId, channel: 'PHONE', purpose: 'STATUS_CHECK', outcome: 'NO_ANSWER' } }),
    );
    const answered = await run('logFollowUp (answered)', () =>
      client().ok(LOG, { input: { applicationId, channel: 'PHONE', purpose: 'STATUS_CHECK', outcome: 'GOT_STATUS' } }),
    );
    // Editing: a correction and a deletion of the touch, the application's title and company, archiving.
    const followUpId = answered['logFollowUp'].id as string;
    await run('correctFollowUp', () => client().ok(CORRECT, { input: { followUpId, notes: 'Spoke to Sam' } }));
    await run('deleteFollowUp', () => client().ok(DELETE_FOLLOW_UP, { id: followUpId }));
    await run('updateApplication', () =>
      client().ok(UPDATE_APPLICATION, {
        input: { applicationId, title: 'Senior Analyst', companyName: 'Bulk Company 17' },
      }),
    );
    await run('archiveApplication', () => client().ok(ARCHIVE, { id: applicationId }));
    await run('restoreApplication', () => client().ok(RESTORE, { id: applicationId }));
    const companyId = (await db.query(`SELECT company_id FROM applications WHERE id = $1`, [applicationId])).rows[0]
      .company_id as string;
    const contactId = (
      await client().ok(ADD_CONTACT, { input: { companyId, name: 'Sam', role: 'RECRUITER', howFound: 'SALES_LINE' } })
    )['addContact'].id as string;
    await run('updateContact', () => client().ok(UPDATE_CONTACT, { input: { contactId, phone: '+1 555 010 0017' } }));
    await run('deleteContact', () => client().ok(DELETE_CONTACT, { id: contactId }));
    await run('assignClientsToCoach', () =>
      agency.admin.client.ok(ASSIGN_MANY, {
        input: { coachUserId: agency.coaches[0].userId, clientUserIds: [agency.clients[0].userId] },
      }),
    );
    await run('updateApplicationStage', () => client().ok(STAGE, { input: { applicationId, stage: 'SCREENING' } }));
    const second = (
      await client().ok(CREATE_APPLICATION, { input: { companyName: 'Bulk Company 8', title: 'Clerk' } })
    )['createApplication'].id;
    await run('markNoReachableContact', () =>
      client().ok(NO_CONTACT, { input: { applicationId: second, reason: 'Nobody answers' } }),
    );
    await run('updateApplicationStage (rejected)', () =>
      client().ok(STAGE, { input: { applicationId: second, stage: 'REJECTED' } }),
    );

    const ventId = (await client().ok(CREATE_VENT, { input: { text: 'Nobody calls back after interviews', mood: 2 } }))[
      'createVent'
    ].id;
    await client().ok(SHARE_VENT, { input: { ventId, shared: true } });
    const converted = await run('convertVentToActions', () =>
      coach().ok(CONVERT, { input: { ventId, actions: [{ title: 'Call the recruiter back', applicationId }] } }),
    );
    const actionId = converted['convertVentToActions'].actions[0].id as string;
    await run('completeAction', () => client().ok(COMPLETE, { id: actionId }));

    // The reminder scan and the sender: the client's step reminder falls due, is enqueued and sent over SMTP.
    // It goes out in business hours only: the client is put where it is business time now, whatever the hour.
    await db.query(`UPDATE agencies SET working_weekdays = $2 WHERE id = $1`, [agency.agencyId, EVERY_DAY]);
    await db.query(`UPDATE users SET timezone = $2 WHERE id = $1`, [
      agency.clients[0].userId,
      zoneWhereSendingIsAllowed(),
    ]);
    const [due] = (
      await db.query(
        `UPDATE reminders SET due_at = now() - interval '1 minute'
          WHERE id = (SELECT id FROM reminders WHERE agency_id = $1 AND recipient_user_id = $2 AND kind = $3 AND status = 'SCHEDULED' ORDER BY due_at LIMIT 1)
          RETURNING id`,
        [agency.agencyId, agency.clients[0].userId, STEP_DUE_KIND],
      )
    ).rows as { id: string }[];
    expect(due).toBeDefined();
    await run('reminder scan and sender', async () => {
      await worker.get(ReminderDispatcher, { strict: false }).dispatchDue();
      await eventually(
        'the step reminder to be sent',
        async () =>
          (await db.query(`SELECT status FROM reminders WHERE id = $1`, [due.id])).rows[0] as { status: string },
        (row) => row.status === 'SENT' || row.status === 'SKIPPED',
      );
    });

    const wrong: Record<string, Scan[]> = {};
    for (const { label, statements } of recorded) {
      const bad = badScans(await plans(statements), large);
      if (bad.length > 0) wrong[label] = bad;
    }
    expect(wrong).toEqual({});
    const sender = recorded.find((entry) => entry.label === 'reminder scan and sender');
    // The sender really ran here (claimed the reminder, composed it from its step, recorded the outcome).
    expect(sender?.statements.some((statement) => /UPDATE reminders SET status = 'SENDING'/.test(statement.text))).toBe(
      true,
    );
  });

  it('logFollowUp takes at most 12 statements, whatever the history', async () => {
    const applicationId = (
      await client().ok(CREATE_APPLICATION, { input: { companyName: 'Bulk Company 9', title: 'Buyer' } })
    )['createApplication'].id;
    const counts: Record<string, number> = {};
    for (const outcome of ['NO_ANSWER', 'GOT_STATUS']) {
      const statements = await SqlStatementCounter.record(() =>
        client().ok(LOG, { input: { applicationId, channel: 'PHONE', purpose: 'STATUS_CHECK', outcome } }),
      );
      counts[outcome] = statements.length;
    }
    // An unanswered call plans a retry (a new step and its reminders); an answer completes the step and stops the cadence.
    expect(counts).toEqual({ NO_ANSWER: expect.any(Number), GOT_STATUS: expect.any(Number) });
    expect(Math.max(...Object.values(counts))).toBeLessThanOrEqual(12);
  });
});
