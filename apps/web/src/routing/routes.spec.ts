import { Role } from '@followthrough/shared-domain';
import { clientPathFor, homePathFor, paths, safeReturnPath } from './routes';

describe('routes', () => {
  it('sends each role to its own home', () => {
    expect(homePathFor(Role.AGENCY_ADMIN)).toBe(paths.adminRadar);
    expect(homePathFor(Role.COACH)).toBe(paths.coachClients);
    expect(homePathFor(Role.CLIENT)).toBe(paths.myApplications);
  });

  it('opens a client on the page of the role that asks', () => {
    expect(clientPathFor(Role.AGENCY_ADMIN, 'a b')).toBe('/admin/clients/a%20b');
    expect(clientPathFor(Role.COACH, 'c-1')).toBe('/coach/clients/c-1');
  });

  it('returns only to our own paths after sign-in', () => {
    expect(safeReturnPath('/coach/clients')).toBe('/coach/clients');
    expect(safeReturnPath('//evil.example/x')).toBeNull();
    expect(safeReturnPath('https://evil.example')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
  });
});
