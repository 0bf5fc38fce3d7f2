import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { overrideHandlingConfig } from '../../activities/handling/config';
import { startDevServer, type DevServer } from '../../server/temporal/dev-server';
import { driver } from '../integration/handling/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

// A Temporal dev server of this file's own (the shared one must stay up for the other files), on a
// SQLite file so that what it held survives being killed, as `npm start` runs it.
let dir: string;
let temporal: DevServer;
let stack: TestStack;
let d: ReturnType<typeof driver>;
let restore: () => void;
const previousAddress = process.env.TEMPORAL_ADDRESS;
beforeAll(async () => {
  restore = overrideHandlingConfig({ quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai', enabled: false } });
  dir = mkdtempSync(path.join(tmpdir(), 'haoban-supervision-'));
  // The restart waits 10 s, so the test sees the API while Temporal is away.
  temporal = await startDevServer({
    headless: true,
    restartDelayMs: 10_000,
    dbFile: path.join(dir, 'temporal.sqlite'),
    logFile: path.join(dir, 'temporal.log'),
  });
  process.env.TEMPORAL_ADDRESS = temporal.address;
  stack = await startTestStack();
  d = driver(stack);
}, 180_000);
afterAll(async () => {
  process.env.TEMPORAL_ADDRESS = previousAddress;
  await stack?.stop();
  await temporal?.stop();
  restore?.();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const health = async () =>
  (await stack.http.get('/healthz')).body as { status: string; temporal: { ok: boolean }; worker: { ok: boolean; pollers: number } };

describe('the embedded Temporal server is supervised; the API answers 503 while it is away', () => {
  it('when Temporal is killed, then writes answer 503 with Retry-After, it is restarted, and the retries with the same keys complete once', async () => {
    const started = await d.apply({ mode: 'immediate', variables: { deliveryMethod: 'pickup' } }, 'zhangsan');
    expect(started.status).toBe(201);
    const task = await d.waitForTask(started.body.caseId, 'decide_on_spot');
    await waitFor(async () => ((await health()).worker.ok ? true : undefined), 20_000, 'a worker polls');

    const pid = temporal.pid as number;
    process.kill(pid, 'SIGKILL');
    await waitFor(async () => ((await health()).temporal.ok ? undefined : true), 15_000, 'healthz sees Temporal gone');
    expect((await stack.http.get('/healthz')).status).toBe(503);

    const startKey = randomUUID();
    const completeKey = randomUUID();
    const startCase = async () =>
      stack.http
        .post('/api/cases')
        .set(await d.as('zhangsan'))
        .set('Idempotency-Key', startKey)
        .send({ processKey: 'general-approval', variables: { shopName: '重启面馆' } });
    const complete = async (key?: string) => {
      const req = stack.http.post(`/api/tasks/${task.taskId}/complete`).set(await d.as('window1'));
      if (key) req.set('Idempotency-Key', key);
      return req.send({ variables: { decision: 'approved' } });
    };
    for (const res of [await startCase(), await complete(completeKey)]) {
      expect(res.status).toBe(503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body.error.code).toBe('TEMPORAL_UNAVAILABLE');
    }

    // Supervision starts it again (same port, same file); the worker reconnects.
    await waitFor(async () => (temporal.restarts >= 1 && temporal.pid !== pid ? true : undefined), 60_000, 'Temporal restarted');
    await waitFor(
      async () => {
        const h = await health();
        return h.status === 'ok' ? h : undefined;
      },
      60_000,
      'healthz ok with a polling worker again',
    );

    const created = await startCase();
    expect(created.status).toBe(201);
    const again = await startCase();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.caseId).toBe(created.body.caseId);
    expect(await stack.db.prisma.case.count({ where: { variables: { path: ['shopName'], equals: '重启面馆' } } })).toBe(1);

    const done = await complete(completeKey);
    expect(done.status).toBe(200);
    // The complete took effect but its answer was lost (a crash after the update, before the answer
    // was stored): the retry with the same key answers 200 with the case, not 409 or 500.
    await stack.db.prisma
      .$executeRaw`UPDATE idempotency_key SET state = 'pending', status = NULL, body = NULL, lease_until = now() - interval '1 second' WHERE key = ${completeKey}`;
    const retried = await complete(completeKey);
    expect(retried.status).toBe(200);
    expect(retried.body.caseId).toBe(started.body.caseId);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    // Without a key, a second complete is told the task is no longer open.
    expect((await complete()).status).toBe(409);
  }, 180_000);
});
