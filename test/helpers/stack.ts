import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime as TemporalRuntime } from '@temporalio/worker';
import supertest from 'supertest';
import type { ServiceTaskHandler } from '../../activities/service-tasks/registry';
import { DEMO_USERS } from '../../server/auth/demo-users';
import { loadConfig, type Config } from '../../server/config';
import type { Database } from '../../server/data/database';
import { createLogger } from '../../server/logger';
import { startRuntime, type Runtime } from '../../server/runtime';
import { openTestDatabase } from './databases';

export interface TestStack {
  runtime: Runtime;
  db: Database;
  http: ReturnType<typeof supertest>;
  taskQueue: string;
  /** The configuration the stack runs with (demo mode, its generated signing secret). */
  config: Config;
  /** A bearer token for a demo user (zhangsan, window1, approver1, agent1, supervisor1, admin, …) or a seeded department officer. */
  token(userId: string): Promise<string>;
  /** `Authorization` header value for a demo user. */
  auth(userId: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The real stack for integration tests: the shared Temporal dev server from global setup, a fresh
 * database (PGlite, or PostgreSQL under TEST_POSTGRES_URL), a worker on a task queue of its own,
 * and the Express app driven through supertest.
 */
let temporalLoggingQuiet = false;
function quietTemporalLogs(): void {
  if (temporalLoggingQuiet) return;
  temporalLoggingQuiet = true;
  try {
    TemporalRuntime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this worker process by an earlier test file.
  }
}

export async function startTestStack(
  options: { serviceTasks?: Record<string, ServiceTaskHandler>; definitionsDir?: string; consoleDir?: string } = {},
): Promise<TestStack> {
  quietTemporalLogs();
  const taskQueue = `test-${randomBytes(6).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    DEMO_MODE: '1',
    // The demo signing secret is generated per data directory; tests keep theirs out of ./data.
    DATA_DIR: process.env.HAOBAN_TEST_DATA_DIR ?? path.join(os.tmpdir(), 'haoban-test-data'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    ...(options.definitionsDir ? { DEFINITIONS_DIR: options.definitionsDir } : {}),
  });
  const db = await openTestDatabase();
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const runtime = await startRuntime({
    config,
    logger,
    temporalAddress: requiredEnv('TEMPORAL_ADDRESS'),
    worker: true,
    api: true,
    database: db,
    workflowBundle: { codePath: requiredEnv('HAOBAN_WORKFLOW_BUNDLE') },
    serviceTasks: options.serviceTasks,
    consoleDir: options.consoleDir,
  });
  const token = async (userId: string) => {
    // Demo users, or any seeded user (department officers such as scjgj1, wjj1).
    const user = DEMO_USERS.find((u) => u.id === userId) ?? (await db.prisma.user.findUnique({ where: { id: userId } }));
    if (!user) throw new Error(`no demo user ${userId}`);
    return runtime.tokens.issue({ id: user.id, name: user.name, roles: user.roles, groups: user.groups });
  };
  return {
    runtime,
    db,
    http: supertest(runtime.app!),
    taskQueue,
    config,
    token,
    auth: async (userId) => `Bearer ${await token(userId)}`,
    stop: async () => {
      await runtime.stop();
      await db.close();
    },
  };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests through jest (global setup provides it)`);
  return value;
}
