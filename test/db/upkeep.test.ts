import { openDatabase, type Database } from '../../server/data/database';
import { startTableUpkeep, tableUpkeep } from '../../server/data/upkeep';
import { createLogger } from '../../server/logger';

// A fresh PGlite with every migration takes a minute on a loaded 2-core machine.
jest.setTimeout(180_000);

describe('PGlite table upkeep (it runs no autovacuum)', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDatabase({});
  }, 180_000);
  afterEach(async () => {
    await db?.close();
  });

  const users = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `u${from + i}`, name: `用户${from + i}`, roles: ['applicant'] }));
  const statsOf = async (table: string) =>
    (
      await db.sql.query<{ reltuples: number; analyzed: boolean }>(
        `SELECT c.reltuples, s.last_analyze IS NOT NULL AS analyzed
         FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = $1`,
        [table],
      )
    )[0];

  it('when a table has changed enough, then a pass analyzes (and vacuums) it; a second pass with no changes does nothing', async () => {
    await db.prisma.user.createMany({ data: users(0, 2000) });
    expect((await statsOf('app_user')).analyzed).toBe(false);

    const first = await tableUpkeep(db.sql);
    expect(first.analyzed).toContain('app_user');
    expect(first.vacuumed).toContain('app_user'); // 2,000 new rows: as autovacuum's insert threshold
    expect(await statsOf('app_user')).toEqual({ reltuples: 2000, analyzed: true });
    expect(await db.sql.query(`SELECT 1 FROM pg_stats WHERE tablename = 'app_user' AND attname = 'name'`)).toHaveLength(1);

    expect(await tableUpkeep(db.sql)).toEqual({ analyzed: [], vacuumed: [] });

    // Fewer changes than 10% of the table (+50) wait; more are analyzed again.
    await db.prisma.user.createMany({ data: users(2000, 100) });
    expect((await tableUpkeep(db.sql)).analyzed).not.toContain('app_user');
    await db.prisma.user.createMany({ data: users(2100, 300) });
    expect((await tableUpkeep(db.sql)).analyzed).toContain('app_user');
  });

  it('when started, then a pass runs after the first delay and stop waits for it', async () => {
    await db.prisma.user.createMany({ data: users(0, 500) });
    const upkeep = startTableUpkeep(db.sql, createLogger('silent'), { firstMs: 10, everyMs: 60_000 });
    for (let i = 0; i < 100 && !(await statsOf('app_user')).analyzed; i++) await new Promise((r) => setTimeout(r, 50));
    await upkeep.stop();
    expect((await statsOf('app_user')).analyzed).toBe(true);
  });
});
