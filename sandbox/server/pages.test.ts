/**
 * @jest-environment ./sandbox/server/testing/nodeWithFetch.environment.ts
 */
import type { TestSandbox } from './testing/sandboxHarness';
import { call, startTestSandbox } from './testing/sandboxHarness';
import { readTokenClaims } from './token';

let built: TestSandbox;
let unbuilt: TestSandbox;
beforeAll(async () => {
  built = await startTestSandbox({ withAgentPage: true });
  unbuilt = await startTestSandbox();
});
afterAll(async () => {
  await built.server.close();
  await unbuilt.server.close();
});

const get = (sandbox: TestSandbox, path: string) => fetch(sandbox.url + path, { redirect: 'manual' });

describe('sandbox/server pages', () => {
  describe('agent desktop', () => {
    it('redirects / to carry a token, identity, expiration and role, keeping the query', async () => {
      const answer = await get(built, '/?debug=1');
      expect(answer.status).toBe(302);
      const location = new URL(answer.headers.get('location') ?? '', built.url);
      expect(location.pathname).toBe('/');
      expect(location.searchParams.get('debug')).toBe('1');
      expect(location.searchParams.get('Identity')).toBe('agent@sandbox.local');
      expect(location.searchParams.get('Roles')).toBe('agent');
      const claims = readTokenClaims(location.searchParams.get('Token') ?? '');
      expect(claims?.identity).toBe('agent@sandbox.local');
      expect(location.searchParams.get('Expiration')).toBe(new Date((claims?.exp ?? 0) * 1000).toISOString());
    });

    it('serves index.html and the other files of the agent folder with their content types', async () => {
      const page = await get(built, '/?Token=x');
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(await page.text()).toContain('<title>agent desktop</title>');
      const script = await get(built, '/agent.js');
      expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
      expect((await get(built, '/missing.js')).status).toBe(404);
    });

    it("serves the desktop again for Flex's own routes, so a reload of /agent-desktop/... works", async () => {
      const redirect = await get(built, '/agent-desktop/WR123');
      expect(redirect.status).toBe(302);
      expect(new URL(redirect.headers.get('location') ?? '', built.url).pathname).toBe('/agent-desktop/WR123');
      const page = await get(built, '/agent-desktop/WR123?Token=x');
      expect(await page.text()).toContain('<title>agent desktop</title>');
    });

    it('never serves files outside the agent folder', async () => {
      const escape = await get(built, '/%2e%2e/plugin-test.js');
      expect(escape.status).toBe(404);
    });

    it('explains how to build the agent desktop while it is missing', async () => {
      const page = await get(unbuilt, '/?Token=x');
      expect(page.status).toBe(503);
      const html = await page.text();
      expect(html).toContain('The agent desktop bundle is missing');
      expect(html).toContain('npm start');
    });
  });

  describe('plugin bundle', () => {
    it('serves the configured bundle fresh, and nothing else', async () => {
      const bundle = await get(built, '/plugins/plugin-test.js');
      expect([bundle.status, bundle.headers.get('cache-control')]).toEqual([200, 'no-store']);
      expect(await bundle.text()).toBe('window.pluginLoaded = true;\n');
      expect((await get(built, '/plugins/other.js')).status).toBe(404);
    });
  });

  describe('customer page', () => {
    it('renders a chat page for the conversation that listens to its stream', async () => {
      const created = await call<{ conversationSid: string }>(built.url, 'POST', '/sandbox/conversations', {
        channelType: 'web',
        customerName: '<Ann>',
      });
      const page = await get(built, `/customer/${created.body.conversationSid}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(created.body.conversationSid);
      expect(html).toContain('&lt;Ann&gt;');
      expect(html).not.toContain('<Ann>');
      expect(html).toContain('/sandbox/internal/stream?role=customer');
      expect(html).toContain('<label for="body">Your message</label>');
    });

    it('answers 404 for an unknown conversation', async () => {
      expect((await get(built, '/customer/CHnope')).status).toBe(404);
    });
  });

  describe('configuration page', () => {
    it('serves the editor', async () => {
      const page = await get(built, '/sandbox/ui/config');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('customerInactivity (JSON)');
    });

    it("validates with the plugin's own parser", async () => {
      const answer = await call<{ problems: Array<{ level: string; key: string; message: string }> }>(
        built.url,
        'POST',
        '/sandbox/config/validate',
        { customerInactivity: { timer_sec: '600', warning_sec: 15 } },
      );
      expect(answer.status).toBe(200);
      expect(answer.body.problems).toEqual([
        expect.objectContaining({
          level: 'error',
          key: 'customerInactivity.timer_sec',
          message: expect.stringContaining('must be a number of seconds') as unknown,
        }) as unknown,
      ]);
      const clean = await call<{ problems: unknown[] }>(built.url, 'POST', '/sandbox/config/validate', {
        customerInactivity: { timer_sec: 120 },
      });
      expect(clean.body.problems).toEqual([]);
    });
  });
});
