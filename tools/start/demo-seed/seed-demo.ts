import { GraphqlClient } from '@followthrough/server-testing';
import { DemoAgency, seedDemoAgency } from './demo-agency.seed';
import { seedDemoPipeline } from './pipeline.seed';
import { seedDemoVents } from './vents.seed';

/** The demo agency signs in with a published password: it is seeded on a development machine only. */
export function demoSeedWanted(nodeEnv: string | undefined, production: boolean): boolean {
  return nodeEnv === 'development' && !production;
}

/**
 * Fills the database with a living demo agency through the public GraphQL API, so the demo
 * data passes the same rules as real data; its people follow the links mailed to them, from the
 * mailbox registered for `apiUrl` (registerMailbox; a test API has one).
 * Every step is idempotent.
 */
export async function seedDemo(apiUrl: string): Promise<DemoAgency> {
  const api = new GraphqlClient(apiUrl);
  const agency = await seedDemoAgency(api);
  await seedDemoPipeline(agency);
  await seedDemoVents(agency);
  return agency;
}
