import { Router } from 'express';
import { calendarWarnings } from '../services/calendar.service';
import type { DatabaseHealth, TemporalHealth } from '../services/health.service';

/**
 * Liveness plus reachability of Temporal and the database (503 when either is down), and whether any
 * worker polls the task queue (Temporal DescribeTaskQueue): `status: "no-worker"` (200) when none does,
 * e.g. an api whose workers are all down — requests are accepted, cases wait for a worker. `calendar`
 * names what needs an operator without stopping service: a year's holiday notice not loaded (from
 * 1 November for the next year), so deadlines over it are provisional.
 */
export function healthRoutes(deps: { database: DatabaseHealth; temporal: TemporalHealth }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    let workers: { pollers: number; identities: string[] } = { pollers: 0, identities: [] };
    const [database, temporal, workerCheck] = await Promise.all([
      check(async () => {
        await deps.database.ping();
      }),
      check(async () => {
        await deps.temporal.ping();
      }),
      check(async () => {
        workers = await deps.temporal.pollers();
      }),
    ]);
    const ok = database.ok && temporal.ok;
    const worker = {
      ok: workerCheck.ok && workers.pollers > 0,
      taskQueue: deps.temporal.taskQueue,
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
