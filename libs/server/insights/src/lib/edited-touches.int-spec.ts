import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { VentsModule } from '@followthrough/server-vents';
import { AgencyFixture, createAgencyFixture, startTestApi, TestApi } from '@followthrough/server-testing';
import { InsightsModule } from './insights.module';

const CREATE = `mutation C($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;
const LOG = `mutation F($input: LogFollowUpInput!) { logFollowUp(input: $input) { id } }`;
const CORRECT = `mutation K($input: CorrectFollowUpInput!) { correctFollowUp(input: $input) { id } }`;
const DELETE = `mutation D($id: ID!) { deleteFollowUp(followUpId: $id) }`;
const SCORECARD = `query S($id: ID!) { clientScorecard(clientUserId: $id) {
  outboundTouches beyondEmailTouches coveredApplications } }`;
const RADAR = `{ followUpRadar(first: 50) { edges { node { clientUserId headline { lastTouchAt } } } } }`;
const DASHBOARD = `{ agencyDashboard { coaches { outboundTouches beyondEmailTouches } } }`;

describe('figures after a touch is corrected or deleted (over HTTP)', () => {
  let api: TestApi;
  let agency: AgencyFixture;

  beforeAll(async () => {
    api = await startTestApi([IdentityModule, PipelineModule, VentsModule, InsightsModule]);
    agency = await createAgencyFixture(api.client, 'Edited Touches Agency', 1, 1);
  });

  afterAll(() => api.close());

  it('counts a corrected touch as corrected, and a deleted one not at all, in the scorecard, radar and dashboard', async () => {
    const [client] = agency.clients;
    const coach = agency.coaches[0].client;
    const applicationId = (await client.client.ok(CREATE, { input: { companyName: 'Figures Inc', title: 'Analyst' } }))[
      'createApplication'
    ].id;
    const touch = (
      await client.client.ok(LOG, { input: { applicationId, channel: 'EMAIL', purpose: 'STATUS_CHECK' } })
    )['logFollowUp'];
    const scorecard = async () => (await coach.ok(SCORECARD, { id: client.userId }))['clientScorecard'];
    const dashboard = async () => (await agency.admin.client.ok(DASHBOARD))['agencyDashboard'].coaches[0];
    const lastTouch = async () =>
      (
        (await coach.ok(RADAR))['followUpRadar'].edges as {
          node: { clientUserId: string; headline: { lastTouchAt: string | null } };
        }[]
      ).find((edge) => edge.node.clientUserId === client.userId)?.node.headline.lastTouchAt;

    expect(await scorecard()).toEqual({ outboundTouches: 1, beyondEmailTouches: 0, coveredApplications: 1 });
    expect(await dashboard()).toEqual({ outboundTouches: 1, beyondEmailTouches: 0 });
    expect(await lastTouch()).not.toBeNull();

    await client.client.ok(CORRECT, { input: { followUpId: touch.id, channel: 'PHONE' } });
    expect(await scorecard()).toEqual({ outboundTouches: 1, beyondEmailTouches: 1, coveredApplications: 1 });
    expect(await dashboard()).toEqual({ outboundTouches: 1, beyondEmailTouches: 1 });

    await client.client.ok(DELETE, { id: touch.id });
    expect(await scorecard()).toEqual({ outboundTouches: 0, beyondEmailTouches: 0, coveredApplications: 0 });
    expect(await dashboard()).toEqual({ outboundTouches: 0, beyondEmailTouches: 0 });
    expect(await lastTouch()).toBeNull();
  });
});
