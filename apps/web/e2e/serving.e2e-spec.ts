import { DASHBOARD_MODULES } from './support/dashboard-modules';
import { startWebTestServer, WebTestServer } from './support/web-test-server';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

// How the API serves the built dashboard, over real HTTP; no browser needed.
describe('the API serving the web dashboard', () => {
  let server: WebTestServer;

  beforeAll(async () => {
    server = await startWebTestServer(DASHBOARD_MODULES);
  }, 120_000);

  afterAll(() => server?.close());

  it('answers a page address with index.html, which loads its hashed assets', async () => {
    const page = await fetch(`${server.webUrl}/coach/clients/some-client`, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();

    const asset = await fetch(`${server.webUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('sends the pre-compressed copy the browser accepts, and no source maps', async () => {
    const html = await (await fetch(`${server.webUrl}/sign-in`, { headers: { accept: BROWSER_ACCEPT } })).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const plain = await fetch(`${server.webUrl}${script}`, { headers: { 'accept-encoding': 'identity' } });
    const plainText = await plain.text();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plainText).not.toContain('sourceMappingURL');

    for (const [accepted, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ]) {
      // Node's fetch decodes the body; the header says which copy came.
      const compressed = await fetch(`${server.webUrl}${script}`, { headers: { 'accept-encoding': accepted } });
      expect(compressed.headers.get('content-encoding')).toBe(encoding);
      expect(compressed.headers.get('vary')).toContain('Accept-Encoding');
      expect(compressed.headers.get('content-type')).toContain('javascript');
      expect(await compressed.text()).toBe(plainText);
    }
    expect((await fetch(`${server.webUrl}${script}.map`)).status).toBe(404);
  });

  it('never shadows the API: /health and /graphql answer as before, even to a browser', async () => {
    const health = await fetch(`${server.webUrl}/health`, { headers: { accept: BROWSER_ACCEPT } });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', db: 'up', queue: 'up' });

    const graphql = await fetch(`${server.webUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: BROWSER_ACCEPT },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });

    const graphqlPage = await fetch(`${server.webUrl}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(graphqlPage.headers.get('content-type') ?? '').not.toContain('text/html; charset=UTF-8');
    expect(await graphqlPage.text()).not.toContain('<div id="root">');
  });

  it('keeps 404 for a missing asset and for requests that do not ask for a page', async () => {
    expect(
      (await fetch(`${server.webUrl}/assets/missing-abc123.js`, { headers: { accept: BROWSER_ACCEPT } })).status,
    ).toBe(404);
    expect((await fetch(`${server.webUrl}/no-such-thing`, { headers: { accept: 'application/json' } })).status).toBe(
      404,
    );
    expect(
      (await fetch(`${server.webUrl}/sign-in`, { method: 'POST', headers: { accept: BROWSER_ACCEPT } })).status,
    ).toBe(404);
  });
});
