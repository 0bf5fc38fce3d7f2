import fc from 'fast-check';
import { startTestStack, type TestStack } from '../helpers/stack';

/**
 * Every operation of /api/openapi.json with malformed input (fast-check): NUL and lone surrogates,
 * malformed escapes, huge and deep values in path ids, query values and bodies, under several
 * identities. No answer may be a 5xx or hang, and the server must be healthy afterwards.
 * FUZZ_RUNS (default 4) inputs per operation; FUZZ_SEED repeats a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);

// The 12345 webhook answers 503 while unconfigured: configure it so bodies reach its handler.
const WEBHOOK_SECRET = 'fuzz-hotline-secret-0123456789';
let stack: TestStack;
beforeAll(async () => {
  process.env.HOTLINE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  stack = await startTestStack();
}, 180_000);
afterAll(async () => {
  delete process.env.HOTLINE_WEBHOOK_SECRET;
  await stack?.stop();
});

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  params: { name: string; in: string }[];
  bodyProps: string[];
  hasBody: boolean;
}

function operations(doc: {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
      }
    >
  >;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method) || typeof op !== 'object') continue;
      const content = op.requestBody?.content ?? {};
      const schema = content['application/json']?.schema;
      ops.push({
        method: method as Operation['method'],
        path,
        params: op.parameters ?? [],
        bodyProps: Object.keys(schema?.properties ?? {}),
        hasBody: Boolean(op.requestBody),
      });
    }
  }
  return ops;
}

// Mostly the known troublemakers (NUL and lone surrogates first), some random binary strings.
const nasty = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a\u0000b', '\u0000', 'x\uD800y', '\uDFFF', '12345-\uD83D') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'a\u0000b',
      '\u0000',
      'x\uD800y',
      '\uDFFF',
      '\uD83D',
      '😀',
      '',
      ' ',
      '%',
      '%00',
      '%E0%A4%A',
      '../../etc/passwd',
      '-1',
      '1e309',
      'NaN',
      'null',
      'true',
      '[]',
      '{}',
      "' OR 1=1 --",
      '<script>alert(1)</script>',
      'x'.repeat(5000),
      '0'.repeat(400),
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

/** Percent-encodes like a client would, but keeps lone surrogates as the bytes a bad client sends. */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s].map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

// Deep JSON travels as text: parsed only by the server (the client-side tools recurse).
const deepJson = (n: number, inside: (v: string) => string) => inside(`${'['.repeat(n)}"x"${']'.repeat(n)}`);
const rawBodies = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constantFrom('{"a":', '{"x":"\\ud800"}', '{"x":"\\u0000"}', 'null', '[1,2', '"\\udc00"') },
  { weight: 1, arbitrary: fc.integer({ min: 40, max: 6000 }).map((n) => deepJson(n, (v) => `{"variables":{"x":${v}}}`)) },
  { weight: 1, arbitrary: fc.integer({ min: 40, max: 6000 }).map((n) => deepJson(n, (v) => v)) },
);
const jsonish = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 3, arbitrary: nasty },
  { weight: 1, arbitrary: fc.array(nasty, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(nasty, nasty, { maxKeys: 4 }) },
);

const identities = fc.constantFrom('admin', 'window1', 'supervisor1', 'zhangsan', 'approver1', null);

function input(op: Operation) {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  return fc.record({
    user: identities,
    signed: fc.boolean(),
    path: fc.tuple(...pathParams.map(() => nasty)),
    query: fc.dictionary(fc.constantFrom(...queryParams.map((p) => p.name), 'limit', 'offset', 'q', 'x\u0000'), nasty, { maxKeys: 3 }),
    body: op.bodyProps.length
      ? fc.oneof(fc.dictionary(fc.constantFrom(...op.bodyProps), jsonish, { maxKeys: op.bodyProps.length }), jsonish)
      : jsonish,
    rawBody: rawBodies,
  });
}

describe('fuzzing every route of the OpenAPI document', () => {
  it(`when each operation gets ${RUNS} malformed inputs (seed ${SEED}), then none answers 5xx or hangs, and the server stays healthy`, async () => {
    const doc = (await stack.http.get('/api/openapi.json')).body;
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(100);
    const tokens = new Map<string, string>();
    const auth = async (user: string) => tokens.get(user) ?? tokens.set(user, await stack.auth(user)).get(user)!;
    const failures: string[] = [];
    let requests = 0;
    const t0 = Date.now();
    for (const [index, op] of ops.entries()) {
      const result = await fc.check(
        fc.asyncProperty(input(op), async ({ user, signed, path, query, body, rawBody }) => {
          let i = 0;
          const url = op.path.replace(/\{[^}]+\}/g, () => encode(path[i++] ?? 'x'));
          const qs = Object.entries(query)
            .map(([k, v]) => `${encode(k)}=${encode(v)}`)
            .join('&');
          let req = stack.http[op.method](qs ? `${url}?${qs}` : url).timeout(20_000);
          if (user) req = req.set('Authorization', await auth(user));
          if (signed) req = req.set('x-hotline-secret', WEBHOOK_SECRET);
          // Serialised here: a bare number or boolean is a body too, and a lone surrogate travels as \ud800.
          if (op.method !== 'get') req = req.set('content-type', 'application/json').send(rawBody ?? JSON.stringify(body) ?? 'null');
          requests++;
          const res = await req;
          if (res.status >= 500)
            throw new Error(
              `${op.method.toUpperCase()} ${url}${qs ? `?${qs}` : ''} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
            );
        }),
        { numRuns: RUNS, seed: SEED + index, endOnFailure: true },
      );
      if (result.failed)
        failures.push(`${op.method.toUpperCase()} ${op.path}: ${(result.errorInstance as Error | undefined)?.message ?? 'failed'}`);
    }
    process.stdout.write(`fuzz: ${requests} requests over ${ops.length} operations in ${Date.now() - t0} ms (seed ${SEED})\n`);
    expect(failures).toEqual([]);
    const health = await stack.http.get('/healthz');
    expect(health.status).toBe(200);
  }, 240_000);
});
