import { randomBytes } from 'node:crypto';
import { DefaultLogger, Runtime as TemporalRuntime } from '@temporalio/worker';
import { Client } from 'pg';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/data/database';
import { createLogger } from '../../server/logger';
import { startRuntime, type Runtime } from '../../server/runtime';
import supertest from 'supertest';
import { waitFor } from '../helpers/wait-for';

/**
 * `npm run api` and `npm run worker` started together on one empty PostgreSQL. PostgreSQL is required
 * here (PGlite is one process, nothing to race): TEST_POSTGRES_URL, else the local server CI sets up.
 */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://haoban:haoban@127.0.0.1:5432/postgres';
const dbName = `haoban_scaleout_${randomBytes(5).toString('hex')}`;
const taskQueue = `scaleout-${randomBytes(5).toString('hex')}`;
const runtimes: Runtime[] = [];
let url: string;

beforeAll(async () => {
  try {
    TemporalRuntime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this jest worker.
  }
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const target = new URL(ADMIN_URL);
  target.pathname = `/${dbName}`;
  url = target.toString();
});
afterAll(async () => {
  for (const r of runtimes) await r.stop().catch(() => {});
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}, 60_000);

function start(part: 'api' | 'worker', queue = taskQueue): Promise<Runtime> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    DEMO_MODE: '1',
    JWT_SECRET: 'scale-out-test-secret-0123456789',
    TEMPORAL_TASK_QUEUE: queue,
  });
  return startRuntime({
    config,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    temporalAddress: process.env.TEMPORAL_ADDRESS as string,
    worker: part === 'worker',
    api: part === 'api',
    workflowBundle: { codePath: process.env.HAOBAN_WORKFLOW_BUNDLE as string },
  }).then((r) => (runtimes.push(r), r));
}

describe('scale-out start-up on one PostgreSQL', () => {
  it('when api and worker start together on an empty database, then both come up with one copy of the seeded data, and healthz sees the worker poll', async () => {
    const [api, worker] = await Promise.all([start('api'), start('worker'), start('worker')]);
    expect(worker).toBeDefined();
    // Each start-up migrated and seeded under the advisory lock: one set of migrations, no duplicate rows.
    const check = await openDatabase({ url, migrate: false });
    try {
      const migrations = await check.sql.query<{ n: string; distinct: string }>(
        'SELECT count(*) AS n, count(DISTINCT migration_name) AS distinct FROM "_prisma_migrations"',
      );
      expect(migrations[0]!.n).toBe(migrations[0]!.distinct);
      expect(await check.prisma.catalogItem.count()).toBeGreaterThan(0);
      expect(await check.prisma.user.count()).toBeGreaterThan(0);
    } finally {
      await check.close();
    }

    const http = supertest(api!.app!);
    const health = await waitFor(
      async () => {
        const res = await http.get('/healthz');
        return res.body.worker?.ok ? res : undefined;
      },
      30_000,
      'the worker polls',
    );
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', worker: { ok: true, taskQueue } });
    // Both workers run in this one process, so they poll under one identity (pid@host).
    expect(health.body.worker.pollers).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('when no worker polls the task queue, then healthz says so (200, status no-worker)', async () => {
    const lonely = await start('api', `${taskQueue}-nobody`);
    const res = await supertest(lonely.app!).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'no-worker',
      database: { ok: true },
      temporal: { ok: true },
      worker: { ok: false, pollers: 0 },
    });
  }, 120_000);
});
