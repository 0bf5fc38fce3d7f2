import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../server/data/database';

export interface TestDatabaseTarget {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

/** PGlite always; PostgreSQL too when TEST_POSTGRES_URL is set. Each open() is a fresh, migrated database. */
export function databaseTargets(): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [{ name: 'pglite', open: () => openDatabase({}) }];
  const url = process.env.TEST_POSTGRES_URL;
  if (url) targets.push({ name: 'postgres', open: () => openFreshPostgres(url) });
  return targets;
}

/** The database integration tests use: TEST_POSTGRES_URL when set (CI), else in-memory PGlite. */
export function openTestDatabase(): Promise<Database> {
  const url = process.env.TEST_POSTGRES_URL;
  return url ? openFreshPostgres(url) : openDatabase({});
}

/** Creates a uniquely named database on the server, migrates it, and drops it on close. */
async function openFreshPostgres(url: string): Promise<Database> {
  const name = `haoban_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ url: target.toString() });
  return {
    ...db,
    close: async () => {
      await db.close();
      const dropper = new Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
