import type { Logger } from '../logger';
import type { SqlDatabase } from './sql';

/**
 * Table upkeep for PGlite, which runs no autovacuum (it is PostgreSQL in single-user mode). Without it the
 * planner never gets statistics, so the read model's indexes go unused as the data grows (a search reads
 * every case), and dead rows and the visibility map are never looked after. A pass does what autovacuum
 * would, with its default thresholds (PostgreSQL 13+): ANALYZE a table once 10% of it (+50 rows) changed
 * since its last analysis, VACUUM it once 20% of it (+50) is dead rows or 20% (+1000) new rows. A table
 * that holds rows and was never analyzed (or whose counters were lost with a crash) is analyzed. PostgreSQL runs autovacuum itself and needs none of this.
 */
export async function tableUpkeep(sql: SqlDatabase): Promise<{ analyzed: string[]; vacuumed: string[] }> {
  // The counters reach the statistics views when the session next goes idle: after this statement.
  await sql.query('SELECT pg_stat_force_next_flush()');
  const tables = await sql.query<{ name: string; vacuum: boolean; analyze: boolean }>(`
    SELECT s.relname AS name,
           s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
             OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0) AS vacuum,
           s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
             OR (s.last_analyze IS NULL AND s.n_live_tup > 0) AS analyze
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = current_schema() AND s.relname <> '_prisma_migrations'
    ORDER BY s.relname`);
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const done = { analyzed: [] as string[], vacuumed: [] as string[] };
  for (const t of tables) {
    if (t.vacuum) {
      await sql.exec(`VACUUM (ANALYZE) ${quoted(t.name)}`);
      done.vacuumed.push(t.name);
      done.analyzed.push(t.name);
    } else if (t.analyze) {
      await sql.exec(`ANALYZE ${quoted(t.name)}`);
      done.analyzed.push(t.name);
    }
  }
  return done;
}

export interface TableUpkeep {
  /** Waits for a pass under way, then runs no more. */
  stop(): Promise<void>;
}

/** Runs tableUpkeep on PGlite a little after start-up and then every `everyMs`; nothing on PostgreSQL. */
export function startTableUpkeep(sql: SqlDatabase, logger: Logger, options: { firstMs?: number; everyMs?: number } = {}): TableUpkeep {
  if (sql.kind !== 'pglite') return { stop: async () => {} };
  let running: Promise<void> | undefined;
  let stopped = false;
  const pass = () => {
    if (running || stopped) return;
    const started = Date.now();
    running = tableUpkeep(sql)
      .then(({ analyzed, vacuumed }) => {
        if (analyzed.length || vacuumed.length) logger.info({ analyzed, vacuumed, ms: Date.now() - started }, 'PGlite table upkeep');
      })
      .catch((err: unknown) => logger.warn({ err }, 'PGlite table upkeep failed; trying again at the next pass'))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(pass, options.firstMs ?? 10_000);
  const every = setInterval(pass, options.everyMs ?? 5 * 60_000);
  first.unref();
  every.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
