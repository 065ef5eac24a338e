import { printApiSchema, readCommittedSchema } from './print-schema';

describe('schema.graphql', () => {
  it('is the schema printed from the code (run `npm run schema:print` when this fails)', async () => {
    expect(readCommittedSchema()).toBe(await printApiSchema());
  });

  it("holds every context's operations", async () => {
    const sdl = await printApiSchema();
    for (const field of ['login(', 'applications(', 'followUpRadar(', 'vents(', 'agencyDashboard(', 'auditEvents(']) {
      expect(sdl).toContain(field);
    }
  });
});
