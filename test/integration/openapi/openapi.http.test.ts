import SwaggerParser from '@apidevtools/swagger-parser';
import { mountedRoutes } from '../../../server/openapi/mounted-routes';
import { startTestStack, type TestStack } from '../../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { example?: unknown }> }>; summary?: string }>
  >;
};

const key = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;

describe('OpenAPI document', () => {
  test('when fetched without a token, then it is a valid OpenAPI 3.1 document', async () => {
    const res = await stack.http.get('/api/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    const api = await SwaggerParser.validate(structuredClone(res.body));
    expect(Object.keys(api.paths ?? {}).length).toBeGreaterThan(5);
  });

  test('when the app mounts a route, then the document describes it (and nothing that is not mounted)', async () => {
    const doc = (await stack.http.get('/api/openapi.json').expect(200)).body as Doc;
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => key(m, p))));
    const mounted = new Set(mountedRoutes(stack.runtime.app!).map((r) => key(r.method, r.path)));
    expect(mounted.size).toBeGreaterThan(10);
    const undocumented = [...mounted].filter((k) => !documented.has(k)).sort();
    const stale = [...documented].filter((k) => !mounted.has(k)).sort();
    expect({ undocumented, stale }).toEqual({ undocumented: [], stale: [] });
  });

  test('when a route is documented, then it has a summary and every response with a body carries an example', async () => {
    const doc = (await stack.http.get('/api/openapi.json').expect(200)).body as Doc;
    const missing: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        if (!op.summary) missing.push(`${key(m, p)} summary`);
        for (const [status, r] of Object.entries(op.responses)) {
          for (const [type, media] of Object.entries(r.content ?? {}))
            if (media.example === undefined) missing.push(`${key(m, p)} ${status} ${type}`);
          if (!r.content && status !== '204') missing.push(`${key(m, p)} ${status} has no example`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('when a list query is documented, then its parameters come from the route zod schema with limits and defaults', async () => {
    const doc = (await stack.http.get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, { get: { parameters: { name: string; schema: Record<string, unknown> }[] } }>;
    };
    const params = doc.paths['/api/audit'].get.parameters;
    const limit = params.find((p) => p.name === 'limit');
    expect(limit?.schema).toMatchObject({ maximum: 200, minimum: 1, default: 50 });
    expect(params.map((p) => p.name)).toEqual(expect.arrayContaining(['caseId', 'actor', 'action', 'from', 'to', 'sort', 'offset']));
  });

  test('when /api/docs is opened, then the Swagger UI viewer and its local assets are served (no CDN)', async () => {
    const html = await stack.http.get('/api/docs').expect(200);
    expect(html.text).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(html.text).not.toMatch(/https?:\/\//);
    await stack.http
      .get('/api/docs/assets/swagger-ui-bundle.js')
      .expect(200)
      .expect('content-type', /javascript/);
    await stack.http.get('/api/docs/init.js').expect(200);
  });
});
