/**
 * `npm run bench:inbox`: the reads staff wait for as the read model grows. For each size N it seeds a fresh
 * database (PGlite in memory, or PostgreSQL under TEST_POSTGRES_URL) with N running cases holding N open
 * tasks and N finished cases with their completed tasks, audit entries and ratings, then times over real
 * HTTP: the window clerk's inbox (我的待办, 待签收), a department officer's inbox, 办件编号 prefix search
 * (case list and inbox), the case list and the supervisor overview. Prints p50/p95 per route and size and,
 * last, the inbox's p95 at the largest size over its p95 at the smallest. Asserts nothing.
 *
 * The data is described in read-model-seed.ts. Reads need no Temporal: the app runs with a Temporal
 * client that never connects.
 *
 *   BENCH_SIZES=1000,10000 BENCH_REQUESTS=100 npm run bench:inbox
 */
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createServices } from '../../server/services';
import { createApp } from '../../server/app';
import { DEMO_USERS } from '../../server/auth/demo-users';
import { createTokenIssuer } from '../../server/auth/tokens';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { appSettingsOf, applyRuleSettings } from '../../server/runtime';
import { openTestDatabase } from '../helpers/databases';
import { prepareReadModel, seedReadModel } from './read-model-seed';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
/** A route stops sampling after this long; a route whose request is expected to take longer is skipped. */
const ROUTE_BUDGET_MS = Number(process.env.BENCH_ROUTE_BUDGET_MS ?? 60_000);
const INBOX = 'inbox GET /api/tasks?mine=1';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 100 ? x.toFixed(1) : x.toFixed(0));

interface Route {
  name: string;
  user: string;
  path: (i: number) => string;
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, DEMO_MODE: '1', DATA_DIR: path.join(os.tmpdir(), 'haoban-bench-data') });
  applyRuleSettings(config);
  const logger = createLogger('silent');
  const tokens = createTokenIssuer(config.jwtSecret);
  // Reads do not reach Temporal: a lazy connection that is never used.
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const results = new Map<string, Map<number, number[]>>();
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print('');
  print(`haoban reads as the data grows (sizes ${SIZES.join(', ')}; ${REQUESTS} requests a route after ${WARMUP} warm-up)`);

  for (const n of SIZES) {
    const db = await openTestDatabase();
    try {
      const t0 = performance.now();
      await prepareReadModel(db, config, logger);
      const { searchIds } = await seedReadModel(db, n);
      const seeded = performance.now() - t0;
      const settings = appSettingsOf(config);
      const services = createServices({
        prisma: db.prisma,
        sql: db.sql,
        temporal: { client: temporal, connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: 'bench-reads' },
        logger,
        settings,
      });
      const app = createApp({
        services,
        prisma: db.prisma,
        tokens,
        logger,
        demoMode: true,
        settings,
      });
      const server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const auth = new Map<string, string>();
      for (const id of ['window1', 'scjgj1', 'supervisor1']) {
        const user = DEMO_USERS.find((u) => u.id === id) ?? (await db.prisma.user.findUniqueOrThrow({ where: { id } }));
        auth.set(id, `Bearer ${await tokens.issue({ id: user.id, name: user.name, roles: user.roles, groups: user.groups })}`);
      }
      const prefix = (i: number) => encodeURIComponent(searchIds[i % searchIds.length].slice(0, -3));
      const routes: Route[] = [
        { name: INBOX, user: 'window1', path: () => '/api/tasks?mine=1' },
        { name: 'to claim ?mine=1&unassigned=1', user: 'window1', path: () => '/api/tasks?mine=1&unassigned=1' },
        { name: 'department inbox ?mine=1 (scjgj1)', user: 'scjgj1', path: () => '/api/tasks?mine=1' },
        { name: 'inbox search ?mine=1&q=<prefix>', user: 'window1', path: (i) => `/api/tasks?mine=1&q=${prefix(i)}` },
        { name: 'case search GET /api/cases?q=<prefix>', user: 'window1', path: (i) => `/api/cases?q=${prefix(i)}` },
        { name: 'case list GET /api/cases', user: 'window1', path: () => '/api/cases' },
        { name: 'case list ?status=running', user: 'window1', path: () => '/api/cases?status=running' },
        { name: 'supervisor GET /api/stats/overview', user: 'supervisor1', path: () => '/api/stats/overview' },
      ];
      print('');
      print(`${n} open tasks, ${n} finished cases (${db.description}; seeded in ${(seeded / 1000).toFixed(1)} s)`);
      try {
        for (const route of routes) {
          const byRoute = results.get(route.name) ?? new Map<number, number[]>();
          results.set(route.name, byRoute);
          // Skip a route whose request, grown in proportion from the previous size, would exceed the budget.
          const previous = [...byRoute].at(-1);
          if (previous) {
            const estimate = pct(previous[1], 50) * (n / previous[0]);
            if (estimate > ROUTE_BUDGET_MS) {
              print(
                `${route.name.padEnd(40)} skipped: p50 ${ms(pct(previous[1], 50))} ms at ${previous[0]}, ≥ ${ms(estimate)} ms a request here`,
              );
              continue;
            }
          }
          const get = async (i: number) => {
            const t = performance.now();
            const res = await fetch(`${base}${route.path(i)}`, { headers: { authorization: auth.get(route.user)! } });
            const body = await res.text();
            const took = performance.now() - t;
            if (res.status !== 200) throw new Error(`${route.name}: ${res.status} ${body.slice(0, 300)}`);
            return took;
          };
          const started = performance.now();
          for (let i = 0; i < WARMUP && performance.now() - started < ROUTE_BUDGET_MS / 4; i++) await get(i);
          const xs: number[] = [];
          const timed = performance.now();
          for (let i = 0; i < REQUESTS && (xs.length === 0 || performance.now() - timed < ROUTE_BUDGET_MS); i++) xs.push(await get(i));
          byRoute.set(n, xs);
          print(
            `${route.name.padEnd(40)} p50 ${ms(pct(xs, 50)).padStart(7)} ms   p95 ${ms(pct(xs, 95)).padStart(7)} ms   (n=${xs.length})`,
          );
        }
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      await db.close();
    }
  }

  const inbox = results.get(INBOX)!;
  const first = SIZES[0];
  const last = SIZES.at(-1)!;
  const p95First = pct(inbox.get(first) ?? [], 95);
  const p95Last = pct(inbox.get(last) ?? [], 95);
  const overview = results.get('supervisor GET /api/stats/overview')?.get(last);
  print('');
  print(
    `inbox p95 ${last}/${first}: ${ms(p95Last)} / ${ms(p95First)} ms = ${(p95Last / p95First).toFixed(2)}× (goals: ≤ 2×, ≤ 100 ms at 100000)`,
  );
  print(
    overview
      ? `supervisor overview over ${last} finished cases: p50 ${ms(pct(overview, 50))} ms, p95 ${ms(pct(overview, 95))} ms`
      : `supervisor overview over ${last} finished cases: not timed (too slow)`,
  );
  await connection.close().catch(() => {});
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
