#!/usr/bin/env node
/**
 * haoban side of the peers benchmark: the general-approval process, N cases at client concurrency C,
 * against a running haoban instance (npm start / tsx server/main.ts), printing one JSON line.
 *
 *   node haoban-driver.mjs --mode http|engine N C [--base http://127.0.0.1:3300] [--temporal 127.0.0.1:7500]
 *                          [--haoban <checkout>] [--warmup 20] [--pids PID,PID]
 *
 * http:   the real API: POST /api/cases, GET /api/tasks?caseId=…, POST /api/tasks/:id/complete,
 *         GET /api/cases/:id until the read model shows endedAt (demo-user JWTs from POST /api/auth/token).
 * engine: the Temporal client straight to caseWorkflow on the instance's worker (as test/bench/engine.bench.ts):
 *         start → sync update (open task) → completeTask update ×2 → workflow result.
 * Both count the ended cases from the engine side afterwards: Temporal visibility (caseWorkflow, Completed,
 * started during the run) and, for http, the read model's completed-case total (before/after delta).
 * --pids: processes whose VmHWM/VmRSS (peak/current RSS, from /proc) are reported.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const MODE = opt('mode', 'http');
const BASE = opt('base', process.env.HAOBAN_BASE ?? 'http://127.0.0.1:3300');
const TEMPORAL = opt('temporal', process.env.HAOBAN_TEMPORAL ?? '127.0.0.1:7500');
const HAOBAN = opt('haoban', process.env.HAOBAN_DIR ?? process.cwd());
const WARMUP = Number(opt('warmup', '20'));
const PIDS = (opt('pids', process.env.HAOBAN_PIDS ?? '') || '').split(',').filter(Boolean);
const TASK_QUEUE = opt('task-queue', process.env.TEMPORAL_TASK_QUEUE ?? 'case-engine');
const N = Number(args[0] ?? 200);
const C = Number(args[1] ?? 16);

const req = createRequire(path.join(HAOBAN, 'package.json'));
const { Client, Connection } = req('@temporalio/client');

const connection = await Connection.connect({ address: TEMPORAL });
const client = new Client({ connection });

// ---------------------------------------------------------------- HTTP
const tokens = {};
async function token(userId) {
  if (!tokens[userId]) {
    const r = await fetch(`${BASE}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    if (!r.ok) throw new Error(`token ${userId}: ${r.status} ${await r.text()}`);
    tokens[userId] = (await r.json()).token;
  }
  return tokens[userId];
}
async function api(user, method, url, body) {
  const r = await fetch(`${BASE}${url}`, {
    method,
    headers: { authorization: `Bearer ${await token(user)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${url} → ${r.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}
async function openTaskHttp(user, caseId, group) {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const page = await api(user, 'GET', `/api/tasks?caseId=${encodeURIComponent(caseId)}&candidateGroup=${group}&status=open`);
    if (page.items.length > 0) return page.items[0];
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no open ${group} task for ${caseId}`);
}
async function httpCase(i, lat) {
  const view = await api('zhangsan', 'POST', '/api/cases', {
    processKey: 'general-approval',
    variables: { applicant: '张三', shopName: `好味面馆${i}` },
  });
  const caseId = view.caseId;
  const accept = await openTaskHttp('window1', caseId, 'window');
  let t0 = performance.now();
  await api('window1', 'POST', `/api/tasks/${accept.id}/complete`, { variables: { accepted: true } });
  lat.push(performance.now() - t0);
  const approve = await openTaskHttp('approver1', caseId, 'approver');
  t0 = performance.now();
  await api('approver1', 'POST', `/api/tasks/${approve.id}/complete`, { variables: { decision: 'approved', opinion: '准予许可' } });
  lat.push(performance.now() - t0);
  // wait until the case has ended, as the read model shows it
  for (const deadline = Date.now() + 120_000; ;) {
    const c = await api('zhangsan', 'GET', `/api/cases/${caseId}`);
    if (c.status === 'completed' && c.endedAt && c.result) return caseId;
    if (Date.now() > deadline) throw new Error(`case ${caseId} did not end: ${c.status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// ---------------------------------------------------------------- engine (Temporal client)
let definition;
async function loadDefinition() {
  // The compiled process and its id, exactly as the API would pass them: read from a case the API started.
  const view = await api('zhangsan', 'POST', '/api/cases', {
    processKey: 'general-approval',
    variables: { applicant: '张三', shopName: 'probe' },
  });
  const history = await client.workflow.getHandle(`case-${view.caseId}`).fetchHistory();
  const started = history.events[0].workflowExecutionStartedEventAttributes;
  const input = JSON.parse(Buffer.from(started.input.payloads[0].data).toString('utf8'));
  definition = { id: input.definitionId, process: input.process };
  await client.workflow.getHandle(`case-${view.caseId}`).terminate('bench probe');
}
const window1 = { id: 'window1', roles: ['window'], groups: ['window'] };
const approver1 = { id: 'approver1', roles: ['approver'], groups: ['approver'] };
let seq = 0;
const RUN = Date.now().toString(36);
async function engineCase(i, lat) {
  const caseId = `PEER-${RUN}-${++seq}`;
  const handle = await client.workflow.start('caseWorkflow', {
    taskQueue: TASK_QUEUE,
    workflowId: `case-${caseId}`,
    args: [
      {
        caseId,
        definitionId: definition.id,
        process: definition.process,
        variables: { applicant: '张三', shopName: `好味面馆${i}` },
        title: '一般审批事项',
        applicantId: 'zhangsan',
        startedBy: 'zhangsan',
      },
    ],
  });
  const openTask = async (elementId) => {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const view = await handle.executeUpdate('sync');
      const t = view.openTasks.find((x) => x.elementId === elementId);
      if (t) return t;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no open ${elementId} task in ${caseId}`);
  };
  const accept = await openTask('accept');
  let t0 = performance.now();
  await handle.executeUpdate('completeTask', { args: [{ taskId: accept.taskId, actor: window1, variables: { accepted: true } }] });
  lat.push(performance.now() - t0);
  const approve = await openTask('approve');
  t0 = performance.now();
  await handle.executeUpdate('completeTask', {
    args: [{ taskId: approve.taskId, actor: approver1, variables: { decision: 'approved', opinion: '准予许可' } }],
  });
  lat.push(performance.now() - t0);
  const result = await handle.result();
  if (result.status !== 'completed') throw new Error(`case ${caseId} ended ${result.status}`);
  return caseId;
}

// ---------------------------------------------------------------- runner
async function batch(n, c, one) {
  const lat = [];
  const caseMs = [];
  const errors = [];
  const ids = [];
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(c, n) }, async () => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        try {
          ids.push(await one(i, lat));
          caseMs.push(performance.now() - s);
        } catch (e) {
          errors.push(String(e?.message ?? e));
        }
      }
    }),
  );
  return { wallMs: performance.now() - t, lat, caseMs, errors, ids };
}
const pct = (a, p) => {
  if (!a.length) return -1;
  const s = [...a].sort((x, y) => x - y);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1))];
};
function procKb(pid, key) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'));
    return m ? Number(m[1]) : -1;
  } catch {
    return -1;
  }
}
async function completedTotal() {
  return (await api('supervisor1', 'GET', '/api/cases?status=completed&limit=1')).total;
}
async function visibilityCount(sinceIso) {
  return (await client.workflow.count(`WorkflowType = 'caseWorkflow' AND ExecutionStatus = 'Completed' AND StartTime >= '${sinceIso}'`))
    .count;
}

const one = MODE === 'engine' ? engineCase : httpCase;
if (MODE === 'engine') await loadDefinition();
if (WARMUP > 0) await batch(WARMUP, Math.min(C, WARMUP), one);
/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return -1;
  }
}
const cpuBefore = Object.fromEntries(PIDS.map((p) => [p, cpuMs(p)]));
const readModelBefore = await completedTotal();
const sinceIso = new Date(Date.now() - 1000).toISOString();
const r = await batch(N, C, one);
// Engine-side counts (visibility is eventually consistent: wait until it settles, at most 30 s).
let vis = 0;
for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
  vis = await visibilityCount(sinceIso);
  if (vis >= r.ids.length) break;
  await new Promise((res) => setTimeout(res, 250));
}
const readModelAfter = await completedTotal();
// Temporal history per case (the server persists every event): the events of one finished case, by type.
let historyEvents = -1;
const historyByType = {};
if (r.ids.length) {
  const h = await client.workflow.getHandle(`case-${r.ids[r.ids.length - 1]}`).fetchHistory();
  historyEvents = h.events.length;
  for (const e of h.events) {
    const t =
      Object.keys(e)
        .find((k) => k.endsWith('EventAttributes'))
        ?.replace(/EventAttributes$/, '') ?? String(e.eventType);
    historyByType[t] = (historyByType[t] ?? 0) + 1;
  }
}
const rss = Object.fromEntries(
  PIDS.map((p) => [p, { hwmMb: +(procKb(p, 'VmHWM') / 1024).toFixed(1), rssMb: +(procKb(p, 'VmRSS') / 1024).toFixed(1) }]),
);
// CPU per case by process over the measured batch (and the wall time share: > 100% means more than one core).
const cpuPerCaseMs = Object.fromEntries(PIDS.map((p) => [p, +((cpuMs(p) - cpuBefore[p]) / N).toFixed(1)]));
const out = {
  side: `haoban-${MODE}`,
  n: N,
  c: C,
  wallMs: +r.wallMs.toFixed(1),
  casesPerSec: +((N * 1000) / r.wallMs).toFixed(2),
  completeP50Ms: +pct(r.lat, 50).toFixed(2),
  completeP95Ms: +pct(r.lat, 95).toFixed(2),
  caseP50Ms: +pct(r.caseMs, 50).toFixed(2),
  caseP95Ms: +pct(r.caseMs, 95).toFixed(2),
  endedClientSide: r.ids.length,
  completedInTemporalVisibility: vis,
  completedInReadModelDelta: readModelAfter - readModelBefore,
  errors: r.errors.length,
  historyEvents,
  historyByType,
  cpuPerCaseMs,
  firstErrors: r.errors.slice(0, 3),
  rss,
};
console.log(JSON.stringify(out));
await connection.close();
process.exit(0);
