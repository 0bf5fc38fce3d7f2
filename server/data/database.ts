import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client';
import { migrate } from './migrate';
import { openPglite, openPostgres, STARTUP_LOCK_ID, type SqlDatabase } from './sql';

export type { PrismaClient };

export interface Database {
  prisma: PrismaClient;
  sql: SqlDatabase;
  /** `pglite:<dir>` or the PostgreSQL URL without its password. */
  description: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent an embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; undefined with no url means in-memory. */
  dataDir?: string;
  migrate?: boolean;
  /** Told when the server closes an idle PostgreSQL connection (the pool reconnects on its own). */
  onIdleError?: (err: Error) => void;
}

/** Opens the read-model database (PGlite or PostgreSQL) and applies pending migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let sql: SqlDatabase;
  let prisma: PrismaClient;
  let description: string;
  if (options.url) {
    // One pool for both: raw SQL (migrations, bulk import) and Prisma share connections and its error handling.
    const postgres = openPostgres(options.url, options.onIdleError);
    sql = postgres;
    prisma = new PrismaClient({ adapter: new PrismaPg(postgres.pool) });
    description = options.url.replace(/:[^:@/]*@/, ':***@');
  } else {
    if (options.dataDir) mkdirSync(path.dirname(options.dataDir), { recursive: true });
    const pg = await openPglite(options.dataDir);
    sql = pg;
    prisma = new PrismaClient({ adapter: new PrismaPGlite(pg.pglite) });
    description = options.dataDir ? `pglite:${options.dataDir}` : 'pglite:memory';
  }
  if (options.migrate !== false) await sql.withAdvisoryLock(STARTUP_LOCK_ID, () => migrate(sql));
  return {
    prisma,
    sql,
    description,
    close: async () => {
      await prisma.$disconnect();
      await sql.close();
    },
  };
}
