/**
 * A read model of a given size for the read benches: N running cases with one open task each and N finished
 * cases with their completed tasks, audit entries and ratings, inserted straight into the tables (no
 * workflows). Open tasks sit 20% at the 综合窗口 (受理), 10% with approvers and 70% in the departments of
 * the catalogue items; 70% are claimed, each group's claimed tasks spread over as many staff as keep about
 * 25 each (a district's staff grows with its workload; the unclaimed queues grow with the data).
 */
import path from 'node:path';
import { loadCatalogAtStartup } from '../../activities/catalog/startup';
import { DEPARTMENTS } from '../../activities/catalog/departments';
import type { Config } from '../../server/config';
import type { Database } from '../../server/data/database';
import { seedDemoUsers } from '../../server/data/seed';
import type { SqlDatabase } from '../../server/data/sql';
import { tableUpkeep } from '../../server/data/upkeep';
import type { Logger } from '../../server/logger';
import { createDefinitionsService } from '../../server/services/definitions.service';

const CHUNK = 5000;
const DAY = 86_400_000;

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

/**
 * Seeds N running cases with one open task each and N finished cases; returns a few case ids to search for.
 * `analyze: false` leaves the tables without planner statistics (PGlite before the runtime's table upkeep has run).
 */
export async function seedReadModel(db: Database, n: number, options: { analyze?: boolean } = {}): Promise<{ searchIds: string[] }> {
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
  // Statistics as the database would have them: PostgreSQL's autovacuum, or on PGlite the runtime's table upkeep.
  if (options.analyze !== false) {
    if (sql.kind === 'pglite') await tableUpkeep(sql);
    else await sql.exec('VACUUM ANALYZE');
  }
  return { searchIds };
}

/** What start-up puts in every database: demo users, the processes and the catalogue (with its department staff). */
export async function prepareReadModel(db: Database, config: Config, logger: Logger): Promise<void> {
  await seedDemoUsers(db.prisma);
  await createDefinitionsService(db.prisma).deployDirectory(path.join(config.DEFINITIONS_DIR, 'processes'), logger);
  await loadCatalogAtStartup(db.prisma, config.DEFINITIONS_DIR, logger, { demoMode: true });
}
