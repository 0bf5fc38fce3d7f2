import { refreshDistrictCalendar } from '../../activities/calendar/registry';
import type { PrismaClient } from '../data/generated/client';
import type { SqlDatabase } from '../data/sql';

/** The database side of /healthz: reachability, and the district calendar kept current for its warnings. */
export function createDatabaseHealth(deps: { sql: SqlDatabase; prisma?: PrismaClient }) {
  return {
    async ping(): Promise<void> {
      await deps.sql.query('SELECT 1');
    },
    /** Reloads the district calendar when it changed; a failure keeps the one loaded. */
    async refreshCalendar(): Promise<void> {
      if (deps.prisma) await refreshDistrictCalendar(deps.prisma).catch(() => undefined);
    },
  };
}

export type DatabaseHealth = ReturnType<typeof createDatabaseHealth>;
