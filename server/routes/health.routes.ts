import { Router } from 'express';
import type { Connection } from '@temporalio/client';
import type { SqlDatabase } from '../data/sql';
import type { PrismaClient } from '../data/generated/client';
import { refreshDistrictCalendar } from '../../activities/calendar/registry';
import { calendarWarnings } from '../services/calendar.service';

/**
 * Liveness plus reachability of Temporal and the database; 503 when either is down. `warnings` names
 * what needs an operator without stopping service: a year's holiday notice not loaded (from 1 November
 * for the next year), so deadlines over it are provisional.
 */
export function healthRoutes(deps: { sql: SqlDatabase; temporal: Connection; namespace: string; prisma?: PrismaClient }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      check(async () => {
        await deps.sql.query('SELECT 1');
      }),
      check(async () => {
        await deps.temporal.workflowService.describeNamespace({ namespace: deps.namespace });
      }),
    ]);
    const ok = database.ok && temporal.ok;
    if (database.ok && deps.prisma) await refreshDistrictCalendar(deps.prisma).catch(() => undefined);
    const warnings = calendarWarnings();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, temporal, calendar: { ok: warnings.length === 0, warnings } });
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
