import { Role } from '@followthrough/shared-domain';
import { homePathFor, isPublicRoute, matchRoute, paths, roleOfRoute, safeReturnPath } from './routes';

describe('matchRoute', () => {
  it('matches the fixed pages, with or without a trailing slash', () => {
    expect(matchRoute('/')).toEqual({ page: 'home' });
    expect(matchRoute('/sign-in')).toEqual({ page: 'sign-in' });
    expect(matchRoute('/admin/members/')).toEqual({ page: 'members' });
  });

  it('reads ids out of the address', () => {
    expect(matchRoute(paths.coachClient('a b'))).toEqual({ page: 'coach-client', clientUserId: 'a b' });
    expect(matchRoute('/my/applications/123')).toEqual({ page: 'my-application', applicationId: '123' });
    expect(matchRoute(paths.adminClient('c-1'))).toEqual({ page: 'admin-client', clientUserId: 'c-1' });
  });

  it('answers not-found for anything else, including malformed escapes', () => {
    expect(matchRoute('/nowhere')).toEqual({ page: 'not-found' });
    expect(matchRoute('/coach/clients/%E0%A4%A')).toEqual({ page: 'not-found' });
    expect(matchRoute('/coach/clients/1/extra')).toEqual({ page: 'not-found' });
  });
});

describe('route access', () => {
  it('keeps role pages for their role', () => {
    expect(roleOfRoute({ page: 'members' })).toBe(Role.AGENCY_ADMIN);
    expect(roleOfRoute({ page: 'admin-client', clientUserId: 'x' })).toBe(Role.AGENCY_ADMIN);
    expect(roleOfRoute({ page: 'coach-client', clientUserId: 'x' })).toBe(Role.COACH);
    expect(roleOfRoute({ page: 'my-vents' })).toBe(Role.CLIENT);
    expect(roleOfRoute({ page: 'mailbox' })).toBeNull();
    expect(isPublicRoute({ page: 'accept-invitation' })).toBe(true);
    expect(isPublicRoute({ page: 'home' })).toBe(false);
  });

  it('sends each role to its own home', () => {
    expect(homePathFor(Role.AGENCY_ADMIN)).toBe(paths.members);
    expect(homePathFor(Role.COACH)).toBe(paths.coachClients);
    expect(homePathFor(Role.CLIENT)).toBe(paths.myApplications);
  });

  it('returns only to our own paths after sign-in', () => {
    expect(safeReturnPath('/coach/clients')).toBe('/coach/clients');
    expect(safeReturnPath('//evil.example/x')).toBeNull();
    expect(safeReturnPath('https://evil.example')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
  });
});
