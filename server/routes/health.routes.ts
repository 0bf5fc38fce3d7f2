import { Router } from 'express';
import type { Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { calendarWarnings } from '../services/calendar.service';
import type { DatabaseHealth } from '../services/health.service';

/** A poller not seen for this long is gone: live workers re-poll at least once a minute (long poll). */
const POLLER_SEEN_WITHIN_MS = 90_000;

/**
 * Liveness plus reachability of Temporal and the database (503 when either is down), and whether any
 * worker polls the task queue (Temporal DescribeTaskQueue): `status: "no-worker"` (200) when none does,
 * e.g. an api whose workers are all down — requests are accepted, cases wait for a worker. `calendar`
 * names what needs an operator without stopping service: a year's holiday notice not loaded (from
 * 1 November for the next year), so deadlines over it are provisional.
 */
export function healthRoutes(deps: { database: DatabaseHealth; temporal: Connection; namespace: string; taskQueue: string }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    let workers: { pollers: number; identities: string[] } = { pollers: 0, identities: [] };
    const [database, temporal, workerCheck] = await Promise.all([
      check(async () => {
        await deps.database.ping();
      }),
      check(async () => {
        await deps.temporal.workflowService.describeNamespace({ namespace: deps.namespace });
      }),
      check(async () => {
        workers = await pollers(deps.temporal, deps.namespace, deps.taskQueue);
      }),
    ]);
    const ok = database.ok && temporal.ok;
    const worker = {
      ok: workerCheck.ok && workers.pollers > 0,
      taskQueue: deps.taskQueue,
      ...workers,
      ...(workerCheck.error ? { error: workerCheck.error } : {}),
    };
    if (database.ok) await deps.database.refreshCalendar();
    const warnings = calendarWarnings();
    res.status(ok ? 200 : 503).json({
      status: !ok ? 'degraded' : worker.ok ? 'ok' : 'no-worker',
      database,
      temporal,
      worker,
      calendar: { ok: warnings.length === 0, warnings },
    });
  });
  return router;
}

/** Workers polling the queue for workflow or activity tasks, seen within the last 90 s. */
async function pollers(connection: Connection, namespace: string, taskQueue: string): Promise<{ pollers: number; identities: string[] }> {
  const types = [proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY];
  const answers = await Promise.all(
    types.map((taskQueueType) =>
      connection.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue, kind: proto.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType,
      }),
    ),
  );
  const since = Date.now() - POLLER_SEEN_WITHIN_MS;
  const identities = new Set<string>();
  for (const answer of answers) {
    for (const poller of answer.pollers ?? []) {
      const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
      if (seconds * 1000 >= since) identities.add(poller.identity ?? '');
    }
  }
  return { pollers: identities.size, identities: [...identities].sort() };
}

async function check(fn: () => Promise<void>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = Date.now();
  try {
    await withTimeout(fn(), 3000);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (err) {
    return { ok: false, latencyMs: Date.now() - started, error: (err as Error).message };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
