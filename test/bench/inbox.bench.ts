/**
 * `npm run bench:inbox`: the reads staff wait for as the read model grows. For each size N it seeds a fresh
 * database (PGlite in memory, or PostgreSQL under TEST_POSTGRES_URL) with N running cases holding N open
 * tasks and N finished cases with their completed tasks, audit entries and ratings, then times over real
 * HTTP: the window clerk's inbox (我的待办, 待签收), a department officer's inbox, 办件编号 prefix search
 * (case list and inbox), the case list and the supervisor overview. Prints p50/p95 per route and size and,
 * last, the inbox's p95 at the largest size over its p95 at the smallest. Asserts nothing.
 *
 * The data: open tasks sit 20% at the 综合窗口 (受理), 10% with approvers and 70% in the departments of
 * the catalogue items; 70% are claimed, each group's claimed tasks spread over as many staff as keep about
 * 25 each (a district's staff grows with its workload; the unclaimed queues grow with the data).
 * Reads need no Temporal: the app runs with a client that never connects.
 *
 *   BENCH_SIZES=1000,10000 BENCH_REQUESTS=100 npm run bench:inbox
 */
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { loadCatalogAtStartup } from '../../activities/catalog/startup';
import { DEPARTMENTS } from '../../activities/catalog/departments';
import { createApp } from '../../server/app';
import { DEMO_USERS } from '../../server/auth/demo-users';
import { createTokenIssuer } from '../../server/auth/tokens';
import { loadConfig } from '../../server/config';
import type { Database } from '../../server/data/database';
import { seedDemoUsers } from '../../server/data/seed';
import type { SqlDatabase } from '../../server/data/sql';
import { createLogger } from '../../server/logger';
import { appSettingsOf, applyRuleSettings } from '../../server/runtime';
import { createDefinitionsService } from '../../server/services/definitions.service';
import { openTestDatabase } from '../helpers/databases';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
/** A route stops sampling after this long; a route whose request is expected to take longer is skipped. */
const ROUTE_BUDGET_MS = Number(process.env.BENCH_ROUTE_BUDGET_MS ?? 60_000);
const CHUNK = 5000;
const INBOX = 'inbox GET /api/tasks?mine=1';
const DAY = 86_400_000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 100 ? x.toFixed(1) : x.toFixed(0));

// ---- deterministic, realistic-looking values ----
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂';
const STREETS = ['北院门街道', '青年路街道', '北关街道', '红庙坡街道', '环城西路街道', '桃园路街道', '土门街道', '西关街道', '枣园街道'];
const nameOf = (i: number) => SURNAMES[i % 20] + GIVEN[Math.floor(i / 20) % 24] + GIVEN[Math.floor(i / 7) % 24];
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const idNumberOf = (i: number) => `610104${1950 + (i % 50)}${pad((i % 12) + 1, 2)}${pad((i % 28) + 1, 2)}${pad(i % 1000, 3)}X`;
const phoneOf = (i: number) => `13${pad((i * 7_919) % 1_000_000_000, 9)}`;
/** 办件编号 as the engine makes them (HB + date + 6 characters), unique per `n` (a bijection mod 36^6). */
const caseIdOf = (n: number, startedAt: Date) =>
  `HB${startedAt.toISOString().slice(0, 10).replaceAll('-', '')}-${((n * 1_000_003 + 12_345) % 36 ** 6).toString(36).toUpperCase().padStart(6, '0')}`;

interface Item {
  code: string;
  processKey: string;
  department: string;
  deptCode: string;
}

interface Pools {
  window: number;
  approver: number;
  dept: Map<string, number>;
}

const staffId = (group: string, m: number) => {
  if (group === 'window') return m === 0 ? 'window1' : `bench-window-${m}`;
  if (group === 'approver') return m === 0 ? 'approver1' : `bench-approver-${m}`;
  const code = group.slice('dept-'.length);
  return m === 0 ? `${code}1` : `bench-${code}-${m}`;
};
const poolOf = (pools: Pools, group: string) =>
  group === 'window' ? pools.window : group === 'approver' ? pools.approver : (pools.dept.get(group) ?? 1);

/** Inserts rows through `unnest` of one array per column, CHUNK rows a statement. */
async function insert(sql: SqlDatabase, table: string, columns: [name: string, type: string][], rows: unknown[][]): Promise<void> {
  const names = columns.map(([n]) => `"${n}"`).join(', ');
  const params = columns.map(([, t], i) => `$${i + 1}::${t === 'text[]' || t === 'jsonb' ? 'text' : t}[]`).join(', ');
  const select = columns.map(([n, t]) => (t === 'text[]' || t === 'jsonb' ? `t."${n}"::${t}` : `t."${n}"`)).join(', ');
  const statement = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${params}) AS t(${names}) ON CONFLICT DO NOTHING`;
  for (let at = 0; at < rows.length; at += CHUNK) {
    const chunk = rows.slice(at, at + CHUNK);
    await sql.query(
      statement,
      columns.map((_, c) => chunk.map((r) => r[c])),
    );
  }
}

const arr = (xs: string[]) => `{${xs.map((x) => `"${x}"`).join(',')}}`;

const CASE_COLUMNS: [string, string][] = [
  ['id', 'text'],
  ['workflow_id', 'text'],
  ['definition_id', 'text'],
  ['process_key', 'text'],
  ['item_code', 'text'],
  ['title', 'text'],
  ['applicant_id', 'text'],
  ['status', 'text'],
  ['variables', 'jsonb'],
  ['result', 'jsonb'],
  ['started_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['ended_at', 'timestamptz'],
];
const TASK_COLUMNS: [string, string][] = [
  ['id', 'text'],
  ['case_id', 'text'],
  ['element_id', 'text'],
  ['name', 'text'],
  ['status', 'text'],
  ['assignee', 'text'],
  ['candidate_groups', 'text[]'],
  ['candidate_users', 'text[]'],
  ['priority', 'int4'],
  ['due_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
  ['completed_at', 'timestamptz'],
  ['completed_by', 'text'],
];
const AUDIT_COLUMNS: [string, string][] = [
  ['at', 'timestamptz'],
  ['actor', 'text'],
  ['action', 'text'],
  ['case_id', 'text'],
  ['task_id', 'text'],
  ['after', 'jsonb'],
];

/** Seeds N running cases with one open task each and N finished cases; returns a few case ids to search for. */
async function seed(db: Database, n: number): Promise<{ searchIds: string[] }> {
  const { sql } = db;
  const now = Date.now();
  const definitions = new Map(
    (
      await sql.query<{ key: string; id: string }>('SELECT DISTINCT ON (key) key, id FROM process_definition ORDER BY key, version DESC')
    ).map((r) => [r.key, r.id]),
  );
  const codeOf = new Map(DEPARTMENTS.map((d) => [d.name, d.code]));
  const items: Item[] = (
    await sql.query<{ code: string; process_key: string; department: string }>(
      'SELECT code, process_key, department FROM catalog_item WHERE is_latest ORDER BY code',
    )
  )
    .filter((i) => codeOf.has(i.department) && definitions.has(i.process_key))
    .map((i) => ({ code: i.code, processKey: i.process_key, department: i.department, deptCode: codeOf.get(i.department)! }));
  if (!items.length) throw new Error('no catalogue items to seed cases of');

  // Who works each group: enough staff for ~25 claimed open tasks each.
  const perDept = new Map<string, number>();
  for (const item of items) perDept.set(`dept-${item.deptCode}`, (perDept.get(`dept-${item.deptCode}`) ?? 0) + 1);
  const staff = (share: number) => Math.max(1, Math.ceil((n * share * 0.7) / 25));
  const pools: Pools = {
    window: staff(0.2),
    approver: staff(0.1),
    dept: new Map([...perDept].map(([g, k]) => [g, staff((0.7 * k) / items.length)])),
  };
  const users: unknown[][] = [];
  const deptName = new Map(items.map((i) => [`dept-${i.deptCode}`, i.department]));
  for (const group of ['window', 'approver', ...pools.dept.keys()]) {
    for (let m = 1; m < poolOf(pools, group); m++) {
      const department = deptName.get(group) ?? '区数据和行政审批局';
      const roles = group === 'window' ? ['window'] : group === 'approver' ? ['approver'] : ['window', 'approver'];
      users.push([staffId(group, m), nameOf(m * 31 + group.length), department, arr(roles), arr([group])]);
    }
  }
  const applicants = Math.ceil((2 * n) / 3);
  for (let a = 0; a < applicants; a++) users.push([`bench-applicant-${a}`, nameOf(a), null, arr(['applicant']), '{}']);
  await insert(
    sql,
    'app_user',
    [
      ['id', 'text'],
      ['name', 'text'],
      ['department', 'text'],
      ['roles', 'text[]'],
      ['groups', 'text[]'],
    ],
    users,
  );

  const cases: unknown[][] = [];
  const tasks: unknown[][] = [];
  const audit: unknown[][] = [];
  const ratings: unknown[][] = [];
  const ratingEvents: unknown[][] = [];
  const variablesOf = (k: number, item: Item | undefined) =>
    JSON.stringify({
      applicantName: nameOf(k),
      idNumber: idNumberOf(k),
      contactPhone: phoneOf(k),
      district: '莲湖区',
      subdistrict: STREETS[k % STREETS.length],
      community: `${STREETS[k % STREETS.length].slice(0, 2)}第${(k % 7) + 1}社区`,
      ...(item ? { itemName: item.code, materialsComplete: k % 3 !== 0 } : { shopName: `${nameOf(k)}面馆` }),
    });
  const member = (group: string, k: number) => staffId(group, (k * 31) % poolOf(pools, group));
  const at = (t: number) => new Date(t).toISOString();

  // Running cases, one open task each.
  const searchIds: string[] = [];
  for (let g = 0; g < n; g++) {
    const stage = g % 20;
    const item = stage >= 4 && stage < 6 ? undefined : items[(g * 7) % items.length];
    const startedAt = new Date(now - ((g * 7_919) % (60 * 24 * 60)) * 60_000 - 60_000);
    const id = caseIdOf(g, startedAt);
    if (g % Math.max(1, Math.floor(n / 50)) === 0) searchIds.push(id);
    const processKey = item?.processKey ?? 'mode-standard';
    cases.push([
      id,
      `case-${id}`,
      definitions.get(processKey) ?? definitions.values().next().value,
      processKey,
      item?.code ?? null,
      item ? `${item.code} 申请` : '个体工商户登记',
      `bench-applicant-${g % applicants}`,
      'running',
      variablesOf(g, item),
      null,
      at(startedAt.getTime()),
      at(startedAt.getTime()),
      null,
    ]);
    const [element, name, group] =
      stage < 4
        ? ['front_desk_accept', '综合窗口受理', 'window']
        : !item
          ? ['approve', '审批', 'approver']
          : ['handle', `审核办理（${item.department}）`, `dept-${item.deptCode}`];
    const createdAt = startedAt.getTime() + (stage < 4 ? 0 : 30 * 60_000);
    const claimed = (g * 13) % 10 < 7;
    if (stage >= 4 && item) {
      const by = member('window', g + 1);
      const accepted = [at(startedAt.getTime()), at(createdAt), by];
      tasks.push([
        `${id}-front_desk_accept`,
        id,
        'front_desk_accept',
        '综合窗口受理',
        'completed',
        by,
        '{window}',
        '{}',
        50,
        null,
        ...accepted,
      ]);
    }
    tasks.push([
      `${id}-${element}`,
      id,
      element,
      name,
      'open',
      claimed ? member(group, g) : null,
      arr([group]),
      g % 50 === 0 ? arr([member(group, g + 3)]) : '{}',
      g % 10 === 0 ? 80 : g % 10 === 1 ? 30 : 50,
      at(createdAt + (5 + (g % 15)) * DAY),
      at(Math.min(createdAt, now - 1000)),
      null,
      null,
    ]);
    audit.push([at(startedAt.getTime()), 'bench-applicant', 'case.started', id, null, null]);
  }

  // Finished cases: decided (most within the hour), their completed tasks, some materials resolved, half rated.
  for (let f = 0; f < n; f++) {
    const k = n + f;
    const rectification = f % 100 === 99;
    const item = rectification || f % 10 >= 8 ? undefined : items[(f * 11) % items.length];
    const startedAt = now - (((f * 7_919) % (365 * 24 * 60)) + 60 * 24 * 60) * 60_000;
    const id = caseIdOf(10_000_000 + f, new Date(startedAt));
    const decisionMinutes = f % 10 < 6 ? 10 + (f % 50) : 120 + ((f * 37) % (10 * 24 * 60));
    const decidedAt = startedAt + decisionMinutes * 60_000;
    const failed = f % 100 === 50;
    const processKey = rectification ? 'mode-rectification' : (item?.processKey ?? (f % 2 ? 'mode-standard' : 'general-approval'));
    const decision = f % 10 === 7 ? 'rejected' : 'approved';
    cases.push([
      id,
      `case-${id}`,
      definitions.get(processKey) ?? definitions.values().next().value,
      processKey,
      item?.code ?? null,
      item ? `${item.code} 申请` : '个体工商户登记',
      `bench-applicant-${k % applicants}`,
      failed ? 'failed' : 'completed',
      variablesOf(k, item),
      failed ? null : JSON.stringify({ decision, decidedAt: at(decidedAt) }),
      at(startedAt),
      at(decidedAt + 60_000),
      at(decidedAt + 60_000),
    ]);
    const steps: [string, string, string][] = item
      ? [
          ['front_desk_accept', '综合窗口受理', 'window'],
          ['handle', `审核办理（${item.department}）`, `dept-${item.deptCode}`],
          ...(f % 10 === 3 ? [['inspect', '后台踏勘', `dept-${item.deptCode}`] as [string, string, string]] : []),
        ]
      : processKey === 'general-approval'
        ? [
            ['accept', '受理', 'window'],
            ['approve', '审批', 'approver'],
          ]
        : [
            ['accept', '受理', 'window'],
            ['review', '审核', 'approver'],
            ['approve', '审批', 'approver'],
            ['decide', '决定', 'approver'],
          ];
    steps.forEach(([element, name, group], s) => {
      const by = member(group, f + s);
      const done = startedAt + ((decisionMinutes * (s + 1)) / steps.length) * 60_000;
      tasks.push([`${id}-${element}`, id, element, name, 'completed', by, arr([group]), '{}', 50, null, at(startedAt), at(done), by]);
    });
    audit.push([at(startedAt), 'bench-applicant', 'case.started', id, null, null]);
    if (f % 5 < 2) {
      const required = 3 + (f % 3);
      audit.push([
        at(startedAt + 60_000),
        'system',
        'materials.resolved',
        id,
        null,
        JSON.stringify({ materialReduction: { required, resolved: f % 4 } }),
      ]);
    }
    if (!failed && f % 2 === 0) {
      const level = [5, 5, 5, 4, 5, 4, 3, 2, 5, 1][(f / 2) % 10];
      const channel = (['online', 'device', 'qr', 'sms'] as const)[f % 4];
      const rid = `bench-rating-${f}`;
      ratings.push([
        rid,
        id,
        'matter',
        `bench-applicant-${k % applicants}`,
        level,
        'matter',
        channel,
        channel !== 'sms',
        item?.department ?? null,
        '莲湖区',
        STREETS[k % STREETS.length],
        at(decidedAt + DAY),
      ]);
      if (level <= 2 && f % 3 !== 0)
        ratingEvents.push([`${rid}-rectified`, rid, id, 'rectified', 'supervisor1', '{}', at(decidedAt + 3 * DAY)]);
      if (level <= 2 && f % 7 === 0)
        ratingEvents.push([
          `${rid}-review`,
          rid,
          id,
          'review',
          'supervisor1',
          JSON.stringify({ decision: 'remove' }),
          at(decidedAt + 2 * DAY),
        ]);
    }
  }

  await insert(sql, 'case', CASE_COLUMNS, cases);
  await insert(sql, 'task', TASK_COLUMNS, tasks);
  await insert(sql, 'audit_event', AUDIT_COLUMNS, audit);
  await insert(
    sql,
    'rating',
    [
      ['id', 'text'],
      ['case_id', 'text'],
      ['service_key', 'text'],
      ['rater_id', 'text'],
      ['level', 'int4'],
      ['scope', 'text'],
      ['channel', 'text'],
      ['proactive', 'bool'],
      ['department', 'text'],
      ['district', 'text'],
      ['subdistrict', 'text'],
      ['created_at', 'timestamptz'],
    ],
    ratings,
  );
  await insert(
    sql,
    'rating_event',
    [
      ['id', 'text'],
      ['rating_id', 'text'],
      ['case_id', 'text'],
      ['kind', 'text'],
      ['actor', 'text'],
      ['details', 'jsonb'],
      ['at', 'timestamptz'],
    ],
    ratingEvents,
  );
  // As autovacuum would have by the time a district holds this much.
  await sql.exec('VACUUM ANALYZE');
  return { searchIds };
}

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
      await seedDemoUsers(db.prisma);
      await createDefinitionsService(db.prisma).deployDirectory(path.join(config.DEFINITIONS_DIR, 'processes'), logger);
      await loadCatalogAtStartup(db.prisma, config.DEFINITIONS_DIR, logger, { demoMode: true });
      const { searchIds } = await seed(db, n);
      const seeded = performance.now() - t0;
      const app = createApp({
        prisma: db.prisma,
        sql: db.sql,
        temporal: { client: temporal, connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: 'bench-reads' },
        tokens,
        logger,
        demoMode: true,
        settings: appSettingsOf(config),
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
