import { IdentityModule } from '@followthrough/server-identity';
import {
  AgencyFixture,
  boundToArgumentAgency,
  countOf,
  createAgencyFixture,
  SignedIn,
  sql,
  startTestApi,
  TestApi,
} from '@followthrough/server-testing';
import { PipelineModule } from './pipeline.module';
import { ApplicationDirectory } from './services/application-directory.service';

const DETAILS = 'domain mainPhone salesPhone';
const COMPANY = `company { id name ${DETAILS} unconfirmed agencyDetails { ${DETAILS} confirmedAt } clientDetails { ${DETAILS} } }`;
const CREATE = `mutation Create($input: CreateApplicationInput!) { createApplication(input: $input) { id ${COMPANY} } }`;
const GET = `query Get($id: ID!) { application(id: $id) { id ${COMPANY} } }`;
const CONFIRM = `mutation Confirm($input: ConfirmCompanyDetailsInput!) { confirmCompanyDetails(input: $input) { id ${COMPANY} } }`;

// What a poisoner types: a look-alike site and a premium-rate number.
const ATTACKER = {
  companyDomain: 'acme-careers.example',
  companyMainPhone: '+1 900 555 0199',
  companySalesPhone: '+1 900 555 0198',
};
const REAL = {
  companyDomain: 'acme.example',
  companyMainPhone: '+1 212 555 0100',
  companySalesPhone: '+1 212 555 0111',
};

describe('company details: what a client supplies stays with their application until confirmed', () => {
  let api: TestApi;
  let agency: AgencyFixture;
  let elsewhere: AgencyFixture;
  // Clients 1 and 3 belong to coach 1, client 2 to coach 2.
  let attacker: SignedIn;
  let victim: SignedIn;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule]);
    agency = await createAgencyFixture(api.client, 'Company Trust', 2, 3);
    elsewhere = await createAgencyFixture(api.client, 'Company Elsewhere', 1, 1);
    [attacker, victim] = agency.clients;
  });

  afterAll(() => api.close());

  async function apply(person: SignedIn, companyName: string, extra: Record<string, unknown> = {}) {
    return (await person.client.ok(CREATE, { input: { companyName, title: 'Engineer', ...extra } }))[
      'createApplication'
    ];
  }

  it("never shows one client's domain or numbers to another client of the same company", async () => {
    const poisoned = await apply(attacker, 'Acme', ATTACKER);
    const real = await apply(victim, 'ACME Inc.', REAL);
    // Still one company for the agency: the name is the key.
    expect(real.company.id).toBe(poisoned.company.id);

    const seenByVictim = (await victim.client.ok(GET, { id: real.id }))['application'].company;
    expect(seenByVictim).toMatchObject({
      domain: 'acme.example',
      mainPhone: '+1 212 555 0100',
      salesPhone: '+1 212 555 0111',
      unconfirmed: true,
      agencyDetails: { domain: null, mainPhone: null, salesPhone: null, confirmedAt: null },
      clientDetails: { domain: 'acme.example', mainPhone: '+1 212 555 0100', salesPhone: '+1 212 555 0111' },
    });
    const seenByAttacker = (await attacker.client.ok(GET, { id: poisoned.id }))['application'].company;
    expect(seenByAttacker).toMatchObject({ domain: 'acme-careers.example', mainPhone: '+1 900 555 0199' });

    // A third client who supplies nothing gets nothing unconfirmed.
    const third = await apply(agency.clients[2], 'acme');
    expect(third.company).toMatchObject({ domain: null, mainPhone: null, salesPhone: null, unconfirmed: false });

    // What reminder composers and other contexts read about the victim's application.
    const summaries = await boundToArgumentAgency(api.app.get(ApplicationDirectory)).summariesByIds(
      { agencyId: agency.agencyId },
      [real.id, poisoned.id, third.id],
    );
    expect(summaries.get(real.id)).toMatchObject({
      companyDomain: 'acme.example',
      companyMainPhone: '+1 212 555 0100',
      companySalesPhone: '+1 212 555 0111',
    });
    expect(summaries.get(third.id)).toMatchObject({
      companyDomain: null,
      companyMainPhone: null,
      companySalesPhone: null,
    });

    // Nothing a client typed reached the shared company row.
    const [row] = await sql<{ domain: string | null; main_phone: string | null; sales_phone: string | null }>(
      'SELECT domain, main_phone, sales_phone FROM companies WHERE id = $1',
      [real.company.id],
    );
    expect(row).toEqual({ domain: null, main_phone: null, sales_phone: null });
  });

  it("matches companies by a confirmed domain only, so a client's domain cannot pull others into their company", async () => {
    const lookAlike = await apply(attacker, 'Initrode Holdings', { companyDomain: 'initrode.example' });
    const genuine = await apply(victim, 'Initrode', { companyDomain: 'initrode.example' });
    expect(genuine.company.id).not.toBe(lookAlike.company.id);
    expect(genuine.company.name).toBe('Initrode');
  });

  it('lets the coach confirm a client’s details for the agency; every client then sees the confirmed ones', async () => {
    const real = await apply(victim, 'Umbrella', REAL);
    const poisoned = await apply(attacker, 'Umbrella', ATTACKER);
    const coachOfVictim = agency.coaches[1];
    const confirmed = (await coachOfVictim.client.ok(CONFIRM, { input: { applicationId: real.id } }))[
      'confirmCompanyDetails'
    ];
    expect(confirmed.company).toMatchObject({
      domain: 'acme.example',
      mainPhone: '+1 212 555 0100',
      unconfirmed: false,
      agencyDetails: { domain: 'acme.example', mainPhone: '+1 212 555 0100', salesPhone: '+1 212 555 0111' },
    });
    expect(Date.parse(confirmed.company.agencyDetails.confirmedAt)).toBeGreaterThan(Date.now() - 60_000);
    // The attacker's application now shows the agency's confirmed numbers, not their own.
    const seenByAttacker = (await attacker.client.ok(GET, { id: poisoned.id }))['application'].company;
    expect(seenByAttacker).toMatchObject({
      domain: 'acme.example',
      mainPhone: '+1 212 555 0100',
      salesPhone: '+1 212 555 0111',
      unconfirmed: false,
      clientDetails: { mainPhone: '+1 900 555 0199' },
    });
    // The confirmation is audited under the confirming coach.
    expect(
      await countOf(
        `SELECT count(*) FROM audit_events WHERE agency_id = $1 AND actor_user_id = $2 AND action = 'company.detailsConfirmed'`,
        [agency.agencyId, coachOfVictim.userId],
      ),
    ).toBe(1);
  });

  it('lets an admin correct one field, keeping the others', async () => {
    const application = await apply(victim, 'Soylent', { companyMainPhone: '+1 212 555 0300' });
    await agency.admin.client.ok(CONFIRM, { input: { applicationId: application.id } });
    const corrected = (
      await agency.admin.client.ok(CONFIRM, {
        input: { applicationId: application.id, salesPhone: '+1 212 555 0301', domain: 'https://www.soylent.example/' },
      })
    )['confirmCompanyDetails'];
    expect(corrected.company.agencyDetails).toMatchObject({
      domain: 'soylent.example',
      mainPhone: '+1 212 555 0300',
      salesPhone: '+1 212 555 0301',
    });
  });

  it('refuses clients, coaches of other clients and other agencies, and bad values, with clear codes', async () => {
    const application = await apply(victim, 'Cyberdyne', REAL);
    expect((await victim.client.fails(CONFIRM, { input: { applicationId: application.id } })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    // Coach 1 does not coach the victim (client 2).
    expect(
      (await agency.coaches[0].client.fails(CONFIRM, { input: { applicationId: application.id } })).extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await elsewhere.admin.client.fails(CONFIRM, { input: { applicationId: application.id } })).extensions?.code,
    ).toBe('NOT_FOUND');
    const badPhone = await agency.admin.client.fails(CONFIRM, {
      input: { applicationId: application.id, mainPhone: 'call me' },
    });
    expect(badPhone.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.mainPhone' });
    const badDomain = await agency.admin.client.fails(CONFIRM, {
      input: { applicationId: application.id, domain: 'not a domain' },
    });
    expect(badDomain.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.domain' });
    // Nothing to confirm: the client gave nothing and nothing was typed.
    const bare = await apply(victim, 'Tyrell');
    const empty = await agency.admin.client.fails(CONFIRM, { input: { applicationId: bare.id } });
    expect(empty.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
  });

  it('refuses a domain another company of the agency has already confirmed', async () => {
    const first = await apply(victim, 'Globex', { companyDomain: 'globex.example' });
    await agency.admin.client.ok(CONFIRM, { input: { applicationId: first.id } });
    const second = await apply(victim, 'Globex Look-alike', { companyDomain: 'globex-jobs.example' });
    const clash = await agency.admin.client.fails(CONFIRM, {
      input: { applicationId: second.id, domain: 'globex.example' },
    });
    expect(clash.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.domain' });
    // Once confirmed, the domain does identify the company under another name.
    const byDomain = await apply(attacker, 'Globex Holdings', { companyDomain: 'https://globex.example/jobs' });
    expect(byDomain.company.id).toBe(first.company.id);
  });
});
