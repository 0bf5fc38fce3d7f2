import type { Page } from 'playwright-core';
import { startConsoleStack, type ConsoleStack } from '../browser/browser';

let c: ConsoleStack;
beforeAll(async () => {
  c = await startConsoleStack();
}, 300_000);
afterAll(async () => {
  await c?.stop();
});

/** Collects every CSP violation the page reports, from before its first script runs. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

describe('security headers', () => {
  it('when any route answers, then CSP with frame-ancestors, X-Frame-Options, nosniff and Referrer-Policy are set', async () => {
    for (const url of ['/healthz', '/api/openapi.json', '/api/docs', '/', '/api/cases']) {
      const res = await c.stack.http.get(url);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('when a caller sends x-request-id, then a short plain one is kept and anything else is replaced', async () => {
    const kept = await c.stack.http.get('/healthz').set('x-request-id', 'probe-42.a_b');
    expect(kept.headers['x-request-id']).toBe('probe-42.a_b');
    for (const bad of ['x'.repeat(65), 'has space', '<script>', 'ü-id', '']) {
      const res = await c.stack.http.get('/healthz').set('x-request-id', bad);
      expect(res.headers['x-request-id']).not.toBe(bad);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('when the console (antd, bpmn-js, echarts) and Swagger UI load in Chromium under the policy, then they render with no CSP violation', async () => {
    const supervisor = await c.signIn('supervisor1');
    const violations = await watchCsp(supervisor);
    await supervisor.goto(`${c.baseUrl}/supervise`);
    await supervisor.getByTestId('chart').locator('svg').first().waitFor();
    await c.shot(supervisor, 'csp-supervise-echarts');
    expect(await violations()).toEqual([]);
    await supervisor.close();

    const admin = await c.signIn('admin');
    const adminViolations = await watchCsp(admin);
    await admin.goto(`${c.baseUrl}/admin/definitions`);
    await admin.getByText('general-approval').first().waitFor();
    await admin.goto(`${c.baseUrl}/admin/deploy`);
    await admin
      .locator('input[type=file]')
      .setInputFiles(require('node:path').join(__dirname, '../browser/fixtures/invalid-approval.bpmn'));
    await admin.getByTestId('bpmn-diagram').locator('.djs-element').first().waitFor();
    await c.shot(admin, 'csp-deploy-bpmn-js');
    expect(await adminViolations()).toEqual([]);

    const docs = await c.context.newPage();
    const docsViolations = await watchCsp(docs);
    await docs.goto(`${c.baseUrl}/api/docs`);
    await docs.locator('.swagger-ui .info .title').waitFor();
    await docs.locator('.opblock').first().waitFor();
    await c.shot(docs, 'csp-swagger-ui');
    expect(await docsViolations()).toEqual([]);
    await docs.close();
    await admin.close();
  });
});
