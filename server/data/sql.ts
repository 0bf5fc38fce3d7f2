import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';

/** The little SQL surface the migration runner and health check need, over PGlite or PostgreSQL. */
export interface SqlDatabase {
  kind: 'pglite' | 'postgres';
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  transaction(fn: (tx: Pick<SqlDatabase, 'exec' | 'query'>) => Promise<void>): Promise<void>;
  /**
   * Runs `fn` holding a PostgreSQL session advisory lock, so processes sharing one database (api and
   * worker started together) take turns. PGlite is one process on its own files: nothing to exclude.
   */
  withAdvisoryLock<T>(lockId: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The advisory lock id of start-up (migrations, seeding, catalogue, schedules): "haoban" in ASCII. */
export const STARTUP_LOCK_ID = 0x68616f62616e;

export async function openPglite(dataDir?: string): Promise<SqlDatabase & { pglite: PGlite }> {
  const pglite = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    pglite,
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    transaction: async (fn) => {
      await pglite.transaction(async (tx) => {
        await fn({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
        });
      });
    },
    withAdvisoryLock: (_lockId, fn) => fn(),
    close: () => pglite.close(),
  };
}

export function openPostgres(url: string, onIdleError: (err: Error) => void = () => {}): SqlDatabase & { pool: Pool } {
  const pool = new Pool({ connectionString: url, max: 20 });
  // An idle connection closed by the server (restart, failover, a dropped database) must not crash the
  // process: the pool replaces it on the next query (node-postgres emits it on the pool otherwise unhandled).
  pool.on('error', onIdleError);
  return {
    kind: 'postgres',
    pool,
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
        });
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    },
    withAdvisoryLock: async (lockId, fn) => {
      // A session lock on its own connection: released when `fn` ends, or by the server if this process dies.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [lockId]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [lockId]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
