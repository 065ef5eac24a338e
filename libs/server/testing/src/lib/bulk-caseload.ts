/** Anything that runs a parameterised statement (a pg Client or Pool). */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface BulkCaseloadOptions {
  agencyId: string;
  coachUserId: string;
  /** Used in e-mail addresses and names; unique per call. */
  label: string;
  clients: number;
  applicationsPerClient?: number;
  /** Touches per application (so 20 applications × 3 = 60 follow-ups per client). */
  followUpsPerApplication?: number;
  ventsPerClient?: number;
  /** How far back the history goes. */
  historyDays?: number;
  /** Stored as every bulk client's password hash (they never sign in). */
  passwordHash?: string;
}

const STAGES = `CASE WHEN r < 0.10 THEN 'SAVED' WHEN r < 0.50 THEN 'APPLIED' WHEN r < 0.65 THEN 'SCREENING' WHEN r < 0.75 THEN 'INTERVIEWING'
  WHEN r < 0.78 THEN 'OFFER' WHEN r < 0.80 THEN 'HIRED' WHEN r < 0.95 THEN 'REJECTED' ELSE 'WITHDRAWN' END`;
const CHANNELS = `(ARRAY['EMAIL','EMAIL','EMAIL','EMAIL','PHONE','PHONE','PHONE','LINKEDIN','SALES_LINE','IN_PERSON'])[1 + floor(random() * 10)::int]`;
const OUTCOMES = `(ARRAY['NO_ANSWER','VOICEMAIL','GATEKEEPER','SPOKE_TO_DECISION_MAKER','GOT_STATUS','GOT_PROCESS_INFO','GOT_FEEDBACK',
  'GOT_CONTACT_NAME','INTERVIEW_OFFERED','REJECTED', NULL, NULL])[1 + floor(random() * 12)::int]`;
const STEPS = `(VALUES (1, 'status-call', 2, 'PHONE'), (2, 'retry-call', 4, 'PHONE'), (3, 'visit-or-call', 7, 'IN_PERSON'))`;

/** The agency's companies and a playbook version to hang cadences on; once per agency. */
export async function seedBulkAgencyBasics(
  db: Queryable,
  agencyId: string,
  companies = 400,
): Promise<{ companyIds: string[]; playbookVersionId: string }> {
  const companyRows = (
    await db.query(
      `INSERT INTO companies (agency_id, name, normalized_name, main_phone)
     SELECT $1, 'Bulk Company ' || g, 'bulk company ' || g, '+1 555 010 ' || lpad(g::text, 4, '0') FROM generate_series(1, $2::int) g
     ON CONFLICT (agency_id, normalized_name) DO UPDATE SET name = EXCLUDED.name
     RETURNING id`,
      [agencyId, companies],
    )
  ).rows as { id: string }[];
  const [playbook] = (
    await db.query(
      `INSERT INTO playbooks (agency_id, name, current_version) VALUES ($1, 'Bulk playbook ' || gen_random_uuid(), 1) RETURNING id`,
      [agencyId],
    )
  ).rows as { id: string }[];
  const [version] = (
    await db.query(
      `INSERT INTO playbook_versions (agency_id, playbook_id, version, steps) VALUES ($1, $2, 1, '[]') RETURNING id`,
      [agencyId, playbook.id],
    )
  ).rows as { id: string }[];
  return { companyIds: companyRows.map((row) => row.id), playbookVersionId: version.id };
}

/**
 * A coach's caseload written straight to the database with set-based INSERT … SELECT statements (nine,
 * whatever the number of clients): clients with their memberships and assignment, applications at
 * agency companies with stage history, follow-ups (about 60% e-mail or LinkedIn), vents with actions,
 * cadences with three steps each and the step-due reminders of the steps already due. Returns the client ids.
 */
export async function seedBulkCaseload(
  db: Queryable,
  basics: { companyIds: string[]; playbookVersionId: string },
  options: BulkCaseloadOptions,
): Promise<string[]> {
  const o = {
    applicationsPerClient: 20,
    followUpsPerApplication: 3,
    ventsPerClient: 5,
    historyDays: 180,
    passwordHash: 'bulk-client-cannot-sign-in',
    ...options,
  };
  const clients = (
    (
      await db.query(
        `WITH u AS (
         INSERT INTO users (email, name, password_hash)
         SELECT lower($3) || '.' || g || '@bulk.example', $3 || ' Client ' || g, $4 FROM generate_series(1, $5::int) g
         RETURNING id
       ), m AS (
         INSERT INTO memberships (agency_id, user_id, role) SELECT $1, id, 'CLIENT' FROM u
       ), a AS (
         INSERT INTO coach_assignments (agency_id, coach_user_id, client_user_id) SELECT $1, $2, id FROM u
       )
       SELECT id FROM u`,
        [o.agencyId, o.coachUserId, o.label, o.passwordHash, o.clients],
      )
    ).rows as { id: string }[]
  ).map((row) => row.id);
  const params = [o.agencyId, clients, basics.companyIds, o.historyDays];

  await db.query(
    `INSERT INTO applications (agency_id, client_user_id, company_id, title, stage, applied_at, created_by_user_id, created_at)
     SELECT $1, c, ($3::uuid[])[1 + floor(random() * cardinality($3::uuid[]))::int], 'Role ' || g, stage,
            CASE WHEN stage = 'SAVED' THEN NULL ELSE sent END, c, sent - interval '1 hour'
       FROM unnest($2::uuid[]) c
      CROSS JOIN generate_series(1, $5::int) g
      CROSS JOIN LATERAL (SELECT random() + 0 * g AS r, now() - random() * make_interval(days => $4::int + 0 * g) AS sent OFFSET 0) x
      CROSS JOIN LATERAL (SELECT ${STAGES} AS stage) s`,
    [...params, o.applicationsPerClient],
  );
  await db.query(
    `INSERT INTO application_stage_changes (agency_id, application_id, from_stage, to_stage, changed_by_user_id, changed_at)
     SELECT a.agency_id, a.id, NULL, CASE WHEN a.stage = 'SAVED' THEN 'SAVED' ELSE 'APPLIED' END, a.client_user_id, a.created_at
       FROM applications a WHERE a.agency_id = $1 AND a.client_user_id = ANY($2::uuid[])
     UNION ALL
     SELECT a.agency_id, a.id, 'APPLIED', a.stage, a.client_user_id, a.applied_at + interval '5 days'
       FROM applications a WHERE a.agency_id = $1 AND a.client_user_id = ANY($2::uuid[]) AND a.stage NOT IN ('SAVED', 'APPLIED')`,
    [o.agencyId, clients],
  );
  await db.query(
    `INSERT INTO follow_ups (agency_id, application_id, client_user_id, channel, direction, purpose, outcome, occurred_at, logged_by_user_id, created_at)
     SELECT a.agency_id, a.id, a.client_user_id, ${CHANNELS}, CASE WHEN random() < 0.9 THEN 'OUTBOUND' ELSE 'INBOUND' END,
            CASE WHEN a.stage = 'SAVED' THEN 'FIND_CONTACT' ELSE 'STATUS_CHECK' END, ${OUTCOMES}, t.at, a.client_user_id, t.at
       FROM applications a
      CROSS JOIN generate_series(1, $3::int) g
      CROSS JOIN LATERAL (SELECT LEAST(now(), a.created_at + random() * interval '30 days') AS at OFFSET 0) t
      WHERE a.agency_id = $1 AND a.client_user_id = ANY($2::uuid[])`,
    [o.agencyId, clients, o.followUpsPerApplication],
  );
  await db.query(
    `UPDATE applications a SET last_touch_at = f.last
       FROM (SELECT application_id, max(occurred_at) AS last FROM follow_ups
              WHERE agency_id = $1 AND client_user_id = ANY($2::uuid[]) GROUP BY application_id) f
      WHERE a.agency_id = $1 AND a.id = f.application_id`,
    [o.agencyId, clients],
  );
  await db.query(
    `INSERT INTO vents (agency_id, client_user_id, text, mood, shared_with_coach, state, created_at)
     SELECT $1, c, 'Bulk vent ' || g, 1 + floor(random() * 5)::int, random() < 0.5,
            CASE WHEN r < 0.3 THEN 'OPEN' WHEN r < 0.7 THEN 'ACTIONED' ELSE 'RESOLVED' END, now() - random() * make_interval(days => $4::int)
       FROM unnest($2::uuid[]) c
      CROSS JOIN generate_series(1, $3::int) g
      CROSS JOIN LATERAL (SELECT random() + 0 * g AS r OFFSET 0) x`,
    [o.agencyId, clients, o.ventsPerClient, o.historyDays],
  );
  await db.query(
    `INSERT INTO actions (agency_id, client_user_id, title, status, source, vent_id, created_by_user_id, created_at, settled_at)
     SELECT v.agency_id, v.client_user_id, 'Action ' || g, st.status, 'VENT', v.id, $3::uuid, v.created_at + random() * interval '3 days',
            CASE WHEN st.status = 'DONE' THEN v.created_at + interval '4 days' END
       FROM vents v
      CROSS JOIN generate_series(1, 2) g
      CROSS JOIN LATERAL (SELECT CASE WHEN v.state = 'RESOLVED' OR g = 1 THEN 'DONE' ELSE 'OPEN' END AS status) st
      WHERE v.agency_id = $1 AND v.client_user_id = ANY($2::uuid[]) AND v.state <> 'OPEN'
     UNION ALL
     SELECT $1::uuid, c, 'Coach action', CASE WHEN random() < 0.6 THEN 'DONE' WHEN random() < 0.5 THEN 'DROPPED' ELSE 'OPEN' END, 'COACH', NULL::uuid, $3::uuid,
            now() - random() * interval '90 days', NULL::timestamptz
       FROM unnest($2::uuid[]) c`,
    [o.agencyId, clients, o.coachUserId],
  );
  await db.query(
    `INSERT INTO cadences (agency_id, application_id, client_user_id, playbook_version_id, started_at)
     SELECT a.agency_id, a.id, a.client_user_id, $3, a.applied_at
       FROM applications a WHERE a.agency_id = $1 AND a.client_user_id = ANY($2::uuid[]) AND a.applied_at IS NOT NULL`,
    [o.agencyId, clients, basics.playbookVersionId],
  );
  // Steps due 2, 4 and 7 days after applying; most done (by a touch of the application), some skipped, some still pending.
  await db.query(
    `WITH inserted AS (
       INSERT INTO step_instances (agency_id, cadence_id, application_id, client_user_id, step_key, trigger, channel, purpose, instructions,
                                   due_at, status, completed_at, follow_up_id)
       SELECT c.agency_id, c.id, c.application_id, c.client_user_id, s.key, 'APPLIED', s.channel, 'STATUS_CHECK', 'Follow up',
              d.due, st.status, CASE WHEN st.status IN ('DONE', 'SKIPPED', 'CANCELLED') THEN LEAST(now(), d.due + random() * interval '4 days') END,
              CASE WHEN st.status = 'DONE' THEN (SELECT f.id FROM follow_ups f WHERE f.agency_id = c.agency_id AND f.application_id = c.application_id LIMIT 1) END
         FROM cadences c
        CROSS JOIN ${STEPS} AS s(n, key, days, channel)
        CROSS JOIN LATERAL (SELECT c.started_at + make_interval(days => s.days) AS due, random() AS r OFFSET 0) d
        CROSS JOIN LATERAL (SELECT CASE WHEN d.due > now() OR d.r < 0.12 THEN 'PENDING' WHEN d.r < 0.2 THEN 'CANCELLED' ELSE 'DONE' END AS status) st
        WHERE c.agency_id = $1 AND c.client_user_id = ANY($2::uuid[])
       RETURNING id, agency_id, client_user_id, application_id, due_at
     )
     INSERT INTO reminders (agency_id, kind, recipient_user_id, due_at, status, idempotency_key, refs, sent_at)
     SELECT agency_id, 'playbook.step-due', client_user_id, due_at, CASE WHEN due_at <= now() THEN 'SENT' ELSE 'SCHEDULED' END,
            'step:' || id || ':due', jsonb_build_object('stepInstanceId', id, 'applicationId', application_id),
            CASE WHEN due_at <= now() THEN due_at END
       FROM inserted`,
    [o.agencyId, clients],
  );
  return clients;
}
