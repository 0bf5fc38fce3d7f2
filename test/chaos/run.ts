/**
 * `npm run chaos`: crash trials under load. Each trial starts the product, drives a bounded number of
 * concurrent cases (start → 受理 → 审批 → result) through the HTTP API, every write with an
 * Idempotency-Key that the client reuses on each retry (network error, 5xx, 503 Retry-After), kills -9
 * part of the product mid-load, restarts what a process manager would, and then counts:
 *
 *   created    cases the clients were answered for (one per logical application)
 *   listed     of those, cases the read model lists (GET /api/cases)
 *   completed  listed cases that reached their end
 *   duplicated extra cases for an application already created (same chaosRef)
 *   lost       applications with no case although the client retried
 *   stuck      created cases not completed within the settle time
 *
 * Trials: (a) kill -9 of the whole `npm start` process tree, (b) kill -9 of the embedded Temporal server
 * alone, (c) kill -9 of the worker in a split deployment (api + worker processes) on PostgreSQL.
 * Loopback only; about 4–6 minutes in all.
 *
 *   CHAOS_CASES=16 CHAOS_CONCURRENCY=8 CHAOS_TRIALS=a,b,c CHAOS_SETTLE_MS=60000 CHAOS_POSTGRES_URL=postgres://… npm run chaos
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, startDevServer, type DevServer } from '../../server/temporal/dev-server';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ARTIFACTS = path.join(ROOT, 'test/artifacts/chaos');
const CASES = Number(process.env.CHAOS_CASES ?? 16);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 8);
const TRIALS = (process.env.CHAOS_TRIALS ?? 'a,b,c').split(',');
const POSTGRES_URL = process.env.CHAOS_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://haoban:haoban@127.0.0.1:5432/postgres';
/** Every trial ends by this long after its load started, settled or not (then what is open counts as stuck). */
const TRIAL_BUDGET_MS = 150_000;
const SETTLE_MS = Number(process.env.CHAOS_SETTLE_MS ?? 60_000);
const started = Date.now();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}\n`);

// ---------------------------------------------------------------- processes

interface Proc {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** `tsx server/main.ts [--api-only|--worker-only]` in a process group of its own, so kill -9 reaches the whole tree. */
function launch(name: string, args: string[], env: Record<string, string>): Proc {
  mkdirSync(ARTIFACTS, { recursive: true });
  const out = createWriteStream(path.join(ARTIFACTS, `${name}.log`), { flags: 'a' });
  const child = spawn(TSX, ['server/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, exited };
}

function killTree(proc: Proc): void {
  try {
    process.kill(-(proc.child.pid as number), 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The pids of `temporal server start-dev` inside a process group. */
function temporalPids(proc: Proc): number[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => Number(f[1]) === proc.child.pid && f.slice(2).join(' ').includes('server start-dev'))
    .map((f) => Number(f[0]));
}

async function stopGracefully(proc: Proc): Promise<void> {
  try {
    process.kill(-(proc.child.pid as number), 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => killTree(proc), 25_000);
  await proc.exited;
  clearTimeout(timer);
  killTree(proc); // stray children
}

// ---------------------------------------------------------------- HTTP client

/** The few fields of the API's answers the load reads. */
type Body = { caseId?: string; items?: unknown[]; error?: { code?: string } } | null;

class Api {
  private tokens = new Map<string, string>();
  constructor(readonly base: string) {}

  async healthy(requireWorker = true): Promise<boolean> {
    try {
      const res = await fetch(`${this.base}/healthz`, { signal: AbortSignal.timeout(5000) });
      const body = (await res.json()) as { status: string };
      return res.status === 200 && (!requireWorker || body.status === 'ok');
    } catch {
      return false;
    }
  }

  async waitHealthy(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.healthy())) {
      if (Date.now() > deadline) throw new Error(`${this.base} not healthy within ${timeoutMs} ms`);
      await sleep(500);
    }
  }

  private async token(user: string, fresh = false): Promise<string> {
    if (!fresh && this.tokens.has(user)) return this.tokens.get(user) as string;
    const res = await fetch(`${this.base}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: user }),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 200) throw new Error(`token for ${user}: ${res.status}`);
    const token = ((await res.json()) as { token: string }).token;
    this.tokens.set(user, token);
    return token;
  }

  /** One request; `retryable` when a client should send it again unchanged (same key). */
  async call(
    method: string,
    url: string,
    user: string,
    body?: unknown,
    key?: string,
  ): Promise<{ status: number; body: Body; retryable: boolean; retryAfterMs: number }> {
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${await this.token(user)}`, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (key) headers['idempotency-key'] = key;
      const res = await fetch(`${this.base}${url}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await res.text();
      const parsed = (text ? JSON.parse(text) : null) as Body;
      if (res.status === 401) await this.token(user, true);
      const retryable = res.status >= 500 || res.status === 401 || parsed?.error?.code === 'IDEMPOTENCY_KEY_IN_PROGRESS';
      const after = Number(res.headers.get('retry-after'));
      return {
        status: res.status,
        body: parsed,
        retryable,
        retryAfterMs: Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 3000) : 500,
      };
    } catch {
      return { status: 0, body: null, retryable: true, retryAfterMs: 500 }; // no answer: the process is down or restarting
    }
  }

  /** Sends until answered for real, reusing the key; gives up at the deadline. */
  async send(method: string, url: string, user: string, body: unknown, key: string, deadline: number, stats: Stats) {
    for (;;) {
      const res = await this.call(method, url, user, body, key);
      if (!res.retryable) return res;
      stats.retries++;
      if (Date.now() > deadline) return res;
      await sleep(res.retryAfterMs);
    }
  }
}

// ---------------------------------------------------------------- load

interface Stats {
  retries: number;
  errors: string[];
}

interface Outcome {
  ref: string;
  caseId?: string;
  completes: number;
}

/** One applicant's application driven to its end: start, window 受理, approver 审批. */
async function application(api: Api, ref: string, deadline: number, stats: Stats): Promise<Outcome> {
  const outcome: Outcome = { ref, completes: 0 };
  const start = await api.send(
    'POST',
    '/api/cases',
    'zhangsan',
    { processKey: 'general-approval', title: `压测 ${ref}`, variables: { shopName: ref, chaosRef: ref } },
    randomUUID(),
    deadline,
    stats,
  );
  if (start.status !== 201) {
    stats.errors.push(`${ref} start: ${start.status} ${JSON.stringify(start.body)?.slice(0, 200)}`);
    return outcome;
  }
  outcome.caseId = start.body?.caseId as string;
  for (const [elementId, user, variables] of [
    ['accept', 'window1', { accepted: true }],
    ['approve', 'approver1', { decision: 'approved', opinion: '准予许可' }],
  ] as const) {
    let taskId: string | undefined;
    while (!taskId && Date.now() < deadline) {
      const list = await api.call('GET', `/api/tasks?caseId=${outcome.caseId}&status=open`, user);
      taskId = (list.body?.items as { id: string; elementId: string }[] | undefined)?.find((t) => t.elementId === elementId)?.id;
      if (!taskId) await sleep(300);
    }
    if (!taskId) {
      stats.errors.push(`${ref} ${elementId}: no open task before the deadline`);
      return outcome;
    }
    const done = await api.send('POST', `/api/tasks/${taskId}/complete`, user, { variables }, randomUUID(), deadline, stats);
    if (done.status !== 200) {
      stats.errors.push(`${ref} ${elementId}: ${done.status} ${JSON.stringify(done.body)?.slice(0, 200)}`);
      return outcome;
    }
    outcome.completes++;
  }
  return outcome;
}

async function runLoad(api: Api, trial: string, deadline: number, stats: Stats, onProgress: (created: number) => void): Promise<Outcome[]> {
  const refs = Array.from({ length: CASES }, (_, i) => `${trial}-${String(i + 1).padStart(3, '0')}`);
  const outcomes: Outcome[] = [];
  let next = 0;
  let created = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < refs.length) {
        const ref = refs[next++] as string;
        const o = await application(api, ref, deadline, stats);
        if (o.caseId) onProgress(++created);
        outcomes.push(o);
      }
    }),
  );
  return outcomes;
}

// ---------------------------------------------------------------- counting

interface Figures {
  trial: string;
  created: number;
  listed: number;
  completed: number;
  duplicated: number;
  lost: number;
  stuck: number;
  retries: number;
  seconds: number;
}

async function listCases(api: Api, trial: string): Promise<{ caseId: string; ref: string; status: string }[]> {
  const all: { caseId: string; ref: string; status: string }[] = [];
  for (let offset = 0; ; offset += 200) {
    const res = await api.call('GET', `/api/cases?limit=200&offset=${offset}`, 'supervisor1');
    if (res.status !== 200) throw new Error(`list cases: ${res.status}`);
    const items = res.body?.items as { id: string; status: string; variables: { chaosRef?: string } }[];
    for (const c of items)
      if (c.variables?.chaosRef?.startsWith(`${trial}-`)) all.push({ caseId: c.id, ref: c.variables.chaosRef, status: c.status });
    if (items.length < 200) return all;
  }
}

async function count(api: Api, trial: string, outcomes: Outcome[], stats: Stats, t0: number): Promise<Figures> {
  const createdIds = new Set(outcomes.filter((o) => o.caseId).map((o) => o.caseId as string));
  // Let the cases finish (result written, read model caught up), bounded.
  const settleUntil = Math.min(Date.now() + SETTLE_MS, t0 + TRIAL_BUDGET_MS + SETTLE_MS);
  let listed = await listCases(api, trial);
  while (Date.now() < settleUntil && listed.filter((c) => createdIds.has(c.caseId) && c.status === 'completed').length < createdIds.size) {
    await sleep(1000);
    listed = await listCases(api, trial);
  }
  const byRef = new Map<string, number>();
  for (const c of listed) byRef.set(c.ref, (byRef.get(c.ref) ?? 0) + 1);
  const listedCreated = listed.filter((c) => createdIds.has(c.caseId));
  const completed = listedCreated.filter((c) => c.status === 'completed').length;
  // Say where each stuck case waits, so a failure names its cause.
  for (const c of [...createdIds].filter((id) => !listedCreated.some((l) => l.caseId === id && l.status === 'completed')).slice(0, 5)) {
    const view = await api.call('GET', `/api/cases/${c}`, 'supervisor1');
    const b = view.body as { status?: string; activeElements?: string[]; openTasks?: { elementId: string }[] } | null;
    log(
      `  stuck ${c}: ${view.status} status ${b?.status} at ${JSON.stringify(b?.activeElements)} open tasks ${JSON.stringify(b?.openTasks?.map((t) => t.elementId))}`,
    );
  }
  return {
    trial,
    created: createdIds.size,
    listed: listedCreated.length,
    completed,
    duplicated: [...byRef.values()].reduce((n, k) => n + (k - 1), 0),
    lost: CASES - createdIds.size + (createdIds.size - listedCreated.length),
    stuck: createdIds.size - completed,
    retries: stats.retries,
    seconds: Math.round((Date.now() - t0) / 1000),
  };
}

// ---------------------------------------------------------------- trials

/** Runs the load, and `crash` once the first cases are in. */
async function underLoad(api: Api, trial: string, crash: () => Promise<void>): Promise<{ outcomes: Outcome[]; stats: Stats; t0: number }> {
  const stats: Stats = { retries: 0, errors: [] };
  const t0 = Date.now();
  let crashed: Promise<void> | undefined;
  const threshold = Math.max(2, Math.floor(CASES / 4));
  const outcomes = await runLoad(api, trial, t0 + TRIAL_BUDGET_MS, stats, (created) => {
    if (created >= threshold && !crashed) crashed = crash();
  });
  await crashed;
  for (const e of stats.errors.slice(0, 5)) log(`  client: ${e}`);
  return { outcomes, stats, t0 };
}

async function trialWholeTree(): Promise<Figures> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'haoban-chaos-a-'));
  const port = await freePort();
  const env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    DEMO_MODE: '1',
  };
  const api = new Api(`http://127.0.0.1:${port}`);
  let proc = launch('a-start', [], env);
  try {
    await api.waitHealthy();
    log('(a) npm start is up; load starts');
    const { outcomes, stats, t0 } = await underLoad(api, 'a', async () => {
      log('(a) kill -9 of the whole process tree (API, worker, PGlite, Temporal)');
      killTree(proc);
      await proc.exited;
      await sleep(1000);
      proc = launch('a-restart', [], env);
      await api.waitHealthy();
      log('(a) restarted and healthy');
    });
    return await count(api, 'a', outcomes, stats, t0);
  } finally {
    await stopGracefully(proc);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function trialTemporalAlone(): Promise<Figures> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'haoban-chaos-b-'));
  const port = await freePort();
  const env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    DEMO_MODE: '1',
  };
  const api = new Api(`http://127.0.0.1:${port}`);
  const proc = launch('b-start', [], env);
  try {
    await api.waitHealthy();
    log('(b) npm start is up; load starts');
    const { outcomes, stats, t0 } = await underLoad(api, 'b', async () => {
      const pids = temporalPids(proc);
      if (!pids.length) throw new Error('no temporal child found');
      log(`(b) kill -9 of the embedded Temporal server alone (pid ${pids.join(', ')})`);
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      await sleep(1500);
      await api.waitHealthy();
      log(`(b) Temporal restarted by the supervisor (pid ${temporalPids(proc).join(', ')}); healthy`);
    });
    return await count(api, 'b', outcomes, stats, t0);
  } finally {
    await stopGracefully(proc);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function trialSplitWorker(): Promise<Figures> {
  const dbName = `haoban_chaos_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect().catch((err) => {
    throw new Error(
      `PostgreSQL at ${POSTGRES_URL.replace(/:[^:@/]*@/, ':***@')} is not reachable (pg_ctlcluster 15 main start): ${(err as Error).message}`,
    );
  });
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'haoban-chaos-c-'));
  let temporal: DevServer | undefined;
  const procs: Proc[] = [];
  try {
    temporal = await startDevServer({
      headless: true,
      dbFile: path.join(dataDir, 'temporal.sqlite'),
      logFile: path.join(ARTIFACTS, 'c-temporal.log'),
    });
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      TEMPORAL_ADDRESS: temporal.address,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_MODE: '1',
      JWT_SECRET: randomBytes(32).toString('hex'),
    };
    const api = new Api(`http://127.0.0.1:${port}`);
    // Started together on the empty database: migrations and seeding take turns under the advisory lock.
    procs.push(launch('c-api', ['--api-only'], env), launch('c-worker', ['--worker-only'], env));
    await api.waitHealthy();
    log('(c) api + worker processes up on PostgreSQL; load starts');
    const { outcomes, stats, t0 } = await underLoad(api, 'c', async () => {
      const worker = procs[1] as Proc;
      log('(c) kill -9 of the worker process');
      killTree(worker);
      await worker.exited;
      await sleep(1000);
      procs[1] = launch('c-worker-restart', ['--worker-only'], env);
      log('(c) worker restarted');
    });
    return await count(api, 'c', outcomes, stats, t0);
  } finally {
    for (const p of procs) await stopGracefully(p);
    await temporal?.stop();
    const dropper = new Client({ connectionString: POSTGRES_URL });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await dropper.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  log(
    `chaos: ${CASES} applications per trial, ${CONCURRENCY} at a time; trials ${TRIALS.join(', ')}; logs in ${path.relative(ROOT, ARTIFACTS)}/`,
  );
  const trials: Record<string, () => Promise<Figures>> = { a: trialWholeTree, b: trialTemporalAlone, c: trialSplitWorker };
  const figures: Figures[] = [];
  for (const name of TRIALS) {
    const run = trials[name];
    if (!run) throw new Error(`unknown trial ${name} (a, b, c)`);
    const f = await run();
    figures.push(f);
    log(`(${name}) ${JSON.stringify(f)}`);
  }
  const labels: Record<string, string> = { a: 'kill -9 whole tree', b: 'kill -9 Temporal', c: 'kill -9 worker (split, PostgreSQL)' };
  process.stdout.write('\ntrial                               created listed completed duplicated lost stuck retries  secs\n');
  for (const f of figures) {
    process.stdout.write(
      `${(labels[f.trial] ?? f.trial).padEnd(36)}${String(f.created).padStart(7)}${String(f.listed).padStart(7)}${String(f.completed).padStart(10)}${String(f.duplicated).padStart(11)}${String(f.lost).padStart(5)}${String(f.stuck).padStart(6)}${String(f.retries).padStart(8)}${String(f.seconds).padStart(6)}\n`,
    );
  }
  const bad = figures.filter((f) => f.lost || f.duplicated || f.stuck);
  process.stdout.write(
    bad.length
      ? `\nFAILED: ${bad.map((f) => f.trial).join(', ')} lost, duplicated or left cases stuck\n`
      : '\nall trials: 0 lost, 0 duplicated, 0 stuck\n',
  );
  process.exit(bad.length ? 1 : 0);
}

const watchdog = setTimeout(() => {
  process.stderr.write('chaos: over 10 minutes, giving up\n');
  process.exit(2);
}, 600_000);
watchdog.unref();

main().catch((err) => {
  process.stderr.write(`chaos failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
