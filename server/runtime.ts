import path from 'node:path';
import type { Worker, WorkerOptions } from '@temporalio/worker';
import type { Express } from 'express';
import type { ServiceTaskHandler } from '../activities/service-tasks/registry';
import { loadCatalogAtStartup } from '../activities/catalog/startup';
import { configureHandling } from '../activities/handling/config';
import { createApp, type AppSettings } from './app';
import { createTokenIssuer, type TokenIssuer } from './auth/tokens';
import type { Config } from './config';
import { openDatabase, type Database } from './data/database';
import { STARTUP_LOCK_ID } from './data/sql';
import { seedDemoUsers } from './data/seed';
import { startTableUpkeep } from './data/upkeep';
import type { Logger } from './logger';
import { createServices } from './services';
import { connectTemporal } from './temporal/client';
import { createWorker } from './worker';
import { configureMaterials } from './materials/config';
import { configureMachines } from './services/machines/machine-config';

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  /** Temporal frontend address (from config, a dev server, or a test server). */
  temporalAddress: string;
  worker: boolean;
  api: boolean;
  /** An already-open database (tests share one); otherwise opened from config. */
  database?: Database;
  workflowBundle?: WorkerOptions['workflowBundle'];
  serviceTasks?: Record<string, ServiceTaskHandler>;
  consoleDir?: string;
}

export interface Runtime {
  app?: Express;
  db: Database;
  tokens: TokenIssuer;
  worker?: Worker;
  stop(): Promise<void>;
}

/**
 * Hands the rule parameters to the modules that read them deep inside services and activities, in the
 * API and the worker alike (handling time limits, upload limits, the rule machines' clock and deadlines).
 */
export function applyRuleSettings(config: Config): void {
  configureHandling(config.HANDLING_CONFIG);
  configureMaterials(config.MATERIALS_CONFIG);
  configureMachines({
    msPerWorkingDay: config.HAOBAN_MS_PER_WORKING_DAY,
    deadlines: config.HAOBAN_MACHINE_DEADLINES,
    eventsPerRun: config.HAOBAN_MACHINE_EVENTS_PER_RUN,
  });
}

/** What the HTTP app receives from the configuration. */
export function appSettingsOf(config: Config): AppSettings {
  return {
    inputLimits: {
      maxDepth: config.INPUT_MAX_DEPTH,
      variablesMaxDepth: config.VARIABLES_MAX_DEPTH,
      variablesMaxBytes: config.VARIABLES_MAX_BYTES,
    },
    definitionsDir: config.DEFINITIONS_DIR,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    hotline: {
      webhookSecret: config.HOTLINE_WEBHOOK_SECRET,
      repeat: { minOrders: config.HOTLINE_REPEAT_MIN_ORDERS, windowDays: config.HOTLINE_REPEAT_WINDOW_DAYS },
    },
  };
}

/** Wires database, Temporal client, worker and HTTP app together: the shape every entry point shares. */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  applyRuleSettings(config);
  const db =
    options.database ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.DATABASE_URL ? undefined : path.join(config.DATA_DIR, 'pglite'),
      onIdleError: (err) => logger.warn({ err }, 'PostgreSQL closed an idle connection; the pool reconnects'),
    }));
  logger.info({ database: db.description }, 'database ready (migrations applied)');
  const temporal = await connectTemporal(options.temporalAddress, config.TEMPORAL_NAMESPACE);
  // Seeding under the start-up lock: an api and a worker started together on an empty database take
  // turns, and the second finds users, processes, catalogue and schedules already there.
  const settings = appSettingsOf(config);
  // The composition root: every service built once, used by the start-up below and by the HTTP app.
  const services = createServices({
    prisma: db.prisma,
    sql: db.sql,
    temporal: { ...temporal, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE },
    logger,
    settings,
  });
  await db.sql.withAdvisoryLock(STARTUP_LOCK_ID, async () => {
    if (config.demoMode) await seedDemoUsers(db.prisma);
    // Timer start events of the processes deployed here start cases on their Temporal Schedules,
    // synced once after the whole directory is deployed.
    await services.definitions.deployDirectory(path.join(config.DEFINITIONS_DIR, 'processes'), logger);
    await loadCatalogAtStartup(db.prisma, config.DEFINITIONS_DIR, logger, { demoMode: config.demoMode });
    // The district's holiday notices (definitions/calendar/<year>.json): new or changed ones are stored as
    // a version and reach the running cases, whose deadlines and working-day timers move.
    await services.calendar.loadDirectory(path.join(config.DEFINITIONS_DIR, 'calendar'), logger);
  });
  const tokens = createTokenIssuer(config.jwtSecret);
  // PGlite runs no autovacuum: without statistics the planner would leave the read model's indexes unused.
  const upkeep = startTableUpkeep(db.sql, logger);

  let stopping = false;
  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  let workerConnection: { close(): Promise<void> } | undefined;
  const newWorker = async () => {
    const created = await createWorker({
      address: options.temporalAddress,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      prisma: db.prisma,
      serviceTasks: options.serviceTasks,
      workflowBundle: options.workflowBundle,
    });
    worker = created.worker;
    workerConnection = created.connection;
  };
  // Supervision: a worker that fails (Temporal gone too long, a fatal core error) is created again with
  // backoff, logged; only a stop ends it.
  const superviseWorker = async () => {
    for (let attempt = 0; ;) {
      try {
        await worker!.run();
        if (stopping) return;
        logger.error('worker stopped unexpectedly; starting it again');
      } catch (err) {
        if (stopping) throw err;
        logger.error({ err }, 'worker failed; starting it again');
      }
      for (;;) {
        const delay = Math.min(30_000, 1000 * 2 ** attempt++);
        await new Promise((r) => setTimeout(r, delay));
        if (stopping) return;
        await workerConnection?.close().catch(() => {});
        try {
          await newWorker();
          logger.info('worker started again');
          attempt = 0;
          break;
        } catch (err) {
          logger.error({ err, retryInMs: Math.min(30_000, 1000 * 2 ** attempt) }, 'worker could not be started; retrying');
        }
      }
    }
  };
  if (options.worker) {
    await newWorker();
    workerRun = superviseWorker();
  }

  const app = options.api
    ? createApp({
        services,
        prisma: db.prisma,
        tokens,
        logger,
        demoMode: config.demoMode,
        consoleDir: options.consoleDir,
        idempotencyTtlMs: config.IDEMPOTENCY_TTL_HOURS * 3600_000,
        settings,
      })
    : undefined;

  return {
    app,
    db,
    tokens,
    get worker() {
      return worker;
    },
    async stop() {
      stopping = true;
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun?.catch((err) => logger.error({ err }, 'worker stopped with an error'));
      await workerConnection?.close();
      await temporal.connection.close();
      await upkeep.stop();
      if (!options.database) await db.close();
    },
  };
}
