import { Pool } from 'pg';
import {
  ACCEPT_INVITATION,
  COMPLETE_SIGN_UP,
  GraphqlClient,
  invitationToken,
  INVITE_MEMBER,
  REGISTER_AGENCY,
  signUpToken,
  seedBulkAgencyBasics,
  seedBulkCaseload,
  TEST_PASSWORD,
} from '@followthrough/server-testing';
import { ProgressBar } from './progress-bar';

export const BENCH_PASSWORD = TEST_PASSWORD;

export interface BenchPerson {
  userId: string;
  email: string;
}

export interface BenchAgency {
  agencyId: string;
  admin: BenchPerson;
  coaches: (BenchPerson & { clientIds: string[] })[];
}

export interface BenchShape {
  agencies: number;
  coachesPerAgency: number;
  clientsPerCoach: number;
  batchSize: number;
}

/** Admins and coaches sign up through the API (real accounts and passwords); everything else is bulk SQL. */
async function signUpPeople(api: GraphqlClient, index: number, coaches: number): Promise<BenchAgency> {
  const stamp = Date.now().toString(36);
  const adminEmail = `admin.${index}.${stamp}@bench.example`;
  await api.ok(REGISTER_AGENCY, {
    input: {
      agencyName: `Bench Agency ${index}`,
      timezone: 'Europe/Paris',
      adminName: `Bench Admin ${index}`,
      adminEmail,
    },
  });
  const registered = (
    await api.ok(COMPLETE_SIGN_UP, { input: { token: await signUpToken(api, adminEmail), password: BENCH_PASSWORD } })
  )['completeSignUp'];
  const admin = api.as(registered.accessToken);
  const agency: BenchAgency = {
    agencyId: registered.membership.agency.id,
    admin: { userId: registered.user.id, email: adminEmail },
    coaches: [],
  };
  for (let c = 1; c <= coaches; c += 1) {
    const email = `coach.${index}.${c}.${stamp}@bench.example`;
    await admin.ok(INVITE_MEMBER, { input: { email, role: 'COACH' } });
    const accepted = (
      await api.ok(ACCEPT_INVITATION, {
        input: {
          token: await invitationToken(api, email),
          name: `Bench Coach ${index}.${c}`,
          password: BENCH_PASSWORD,
        },
      })
    )['acceptInvitation'];
    agency.coaches.push({ userId: accepted.user.id, email, clientIds: [] });
  }
  return agency;
}

/** Generates the benchmark's agencies; returns them with the seconds the bulk data took. */
export async function generateAgencies(
  apiUrl: string,
  databaseUrl: string,
  shape: BenchShape,
): Promise<{ agencies: BenchAgency[]; seconds: number }> {
  const api = new GraphqlClient(apiUrl);
  const agencies: BenchAgency[] = [];
  for (let a = 1; a <= shape.agencies; a += 1) agencies.push(await signUpPeople(api, a, shape.coachesPerAgency));

  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const batches = Math.ceil(shape.clientsPerCoach / shape.batchSize);
  const totalClients = shape.agencies * shape.coachesPerAgency * shape.clientsPerCoach;
  const bar = new ProgressBar('Generating', shape.agencies * shape.coachesPerAgency * batches);
  const started = process.hrtime.bigint();
  let clients = 0;
  try {
    for (const [a, agency] of agencies.entries()) {
      const basics = await seedBulkAgencyBasics(pool, agency.agencyId, 400);
      // Coaches two at a time (the pool's two connections): the database works while the other batch is sent.
      const work = agency.coaches.map((coach, c) => async () => {
        for (let b = 0; b < batches; b += 1) {
          const size = Math.min(shape.batchSize, shape.clientsPerCoach - b * shape.batchSize);
          const ids = await seedBulkCaseload(pool, basics, {
            agencyId: agency.agencyId,
            coachUserId: coach.userId,
            label: `Bench${a + 1}x${c + 1}x${b + 1}`,
            clients: size,
          });
          coach.clientIds.push(...ids);
          clients += size;
          bar.tick(1, `${clients.toLocaleString('en')}/${totalClients.toLocaleString('en')} clients`);
        }
      });
      for (let i = 0; i < work.length; i += 2) await Promise.all(work.slice(i, i + 2).map((job) => job()));
    }
  } finally {
    await pool.end();
  }
  return { agencies, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
