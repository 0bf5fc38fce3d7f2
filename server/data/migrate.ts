import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlDatabase } from './sql';

export const MIGRATIONS_DIR = path.resolve(__dirname, '../../prisma/migrations');

// The table `prisma migrate deploy` keeps, created exactly as Prisma creates it.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * Applies `prisma/migrations/<name>/migration.sql` in order, each in its own transaction,
 * recording them in `_prisma_migrations` as `prisma migrate deploy` does (sha256 checksum).
 * A checksum mismatch on an applied migration stops start-up: someone edited history.
 */
export async function migrate(db: SqlDatabase, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  await db.exec(CREATE_MIGRATIONS_TABLE);
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  const done = new Map(rows.map((r) => [r.migration_name, r]));
  const result: MigrationResult = { applied: [], alreadyApplied: [] };

  for (const name of names) {
    const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const previous = done.get(name);
    if (previous) {
      if (!previous.finished_at) throw new Error(`迁移 ${name} 上次未完成 (migration ${name} failed earlier; fix the database, then mark it rolled back)`);
      if (previous.checksum !== checksum) throw new Error(`迁移 ${name} 已被修改 (migration ${name} was modified after it was applied)`);
      result.alreadyApplied.push(name);
      continue;
    }
    await db.transaction(async (tx) => {
      const id = randomUUID();
      await tx.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
        [id, checksum, name],
      );
      await tx.exec(sql);
      await tx.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    });
    result.applied.push(name);
  }
  return result;
}
