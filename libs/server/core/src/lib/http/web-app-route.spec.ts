import { isWebAppRoute } from './web-app-route';

const HTML = 'text/html,application/xhtml+xml,*/*;q=0.8';

describe('isWebAppRoute', () => {
  it('answers page addresses a browser opens with the dashboard', () => {
    expect(isWebAppRoute('GET', '/', HTML)).toBe(true);
    expect(isWebAppRoute('GET', '/coach/clients/6f1c', HTML)).toBe(true);
    expect(isWebAppRoute('HEAD', '/accept-invitation', HTML)).toBe(true);
  });

  it('never answers the API paths', () => {
    expect(isWebAppRoute('GET', '/graphql', HTML)).toBe(false);
    expect(isWebAppRoute('GET', '/graphql/anything', HTML)).toBe(false);
    expect(isWebAppRoute('GET', '/health', HTML)).toBe(false);
    expect(isWebAppRoute('POST', '/sign-in', HTML)).toBe(false);
  });

  it('leaves non-browser requests and missing files to the 404 handler', () => {
    expect(isWebAppRoute('GET', '/sign-in', 'application/json')).toBe(false);
    expect(isWebAppRoute('GET', '/sign-in', undefined)).toBe(false);
    expect(isWebAppRoute('GET', '/assets/missing-abc.js', HTML)).toBe(false);
  });

  it('does not mistake a path that merely starts like an API path for one', () => {
    expect(isWebAppRoute('GET', '/healthy-habits', HTML)).toBe(true);
  });
});
