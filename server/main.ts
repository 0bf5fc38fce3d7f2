import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { DEMO_USERS } from './auth/demo-users';
import { seedAgencyDemo } from './demo/seed-agency';
import { seedDemoHistory } from './demo/seed-history';
import { ROLE_LABELS } from './auth/roles';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { startRuntime } from './runtime';
import { startDevServer, type DevServer } from './temporal/dev-server';

/**
 * `npm start`: the whole product in one command on the embedded defaults —
 * Temporal dev server (unless TEMPORAL_ADDRESS), PGlite (unless DATABASE_URL), worker, API and console.
 * `--api-only` / `--worker-only` run one part against TEMPORAL_ADDRESS and DATABASE_URL.
 */
async function main(): Promise<void> {
  const mode = process.argv.includes('--worker-only') ? 'worker' : process.argv.includes('--api-only') ? 'api' : 'all';
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);

  if (mode !== 'all' && (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL)) {
    throw new Error(
      '`npm run api` / `npm run worker` need TEMPORAL_ADDRESS and DATABASE_URL (the embedded PGlite lives inside `npm start`)',
    );
  }

  let devServer: DevServer | undefined;
  let temporalAddress = config.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    logger.info('starting the Temporal dev server …');
    devServer = await startDevServer({
      dbFile: path.join(config.DATA_DIR, 'temporal.sqlite'),
      uiPort: config.TEMPORAL_UI_PORT,
      port: config.TEMPORAL_PORT,
      logFile: path.join(config.DATA_DIR, 'temporal.log'),
      log: (msg) => logger.info(msg),
    });
    temporalAddress = devServer.address;
  }

  const consoleDir = path.join(config.rootDir, 'server/console/dist');
  const runtime = await startRuntime({
    config,
    logger,
    temporalAddress,
    worker: mode !== 'api',
    api: mode !== 'worker',
    consoleDir: existsSync(consoleDir) ? consoleDir : undefined,
  });

  let server: Server | undefined;
  if (runtime.app) {
    server = runtime.app.listen(config.PORT, config.HOST);
    await new Promise<void>((resolve, reject) => server!.once('listening', resolve).once('error', reject));
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down …');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await runtime.stop();
    await devServer?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const url = `http://${config.HOST}:${config.PORT}`;
  if (config.demoMode && runtime.app && mode !== 'api') {
    // Demo users, and the department officers the catalogue loader seeds (identity is read from the user table).
    const token = async (userId: string) => {
      const user = DEMO_USERS.find((u) => u.id === userId) ?? (await runtime.db.prisma.user.findUnique({ where: { id: userId } }));
      if (!user) throw new Error(`no demo user ${userId}`);
      return runtime.tokens.issue({ id: user.id, name: user.name, roles: user.roles, groups: user.groups });
    };
    const baseUrl = `http://127.0.0.1:${config.PORT}`;
    void seedAgencyDemo({ prisma: runtime.db.prisma, baseUrl, token, logger }).catch((err: Error) =>
      logger.warn({ err: err.message }, 'demo: 343 key projects not created'),
    );
    // Off unless asked for; demo mode itself is refused in production, so this never runs there.
    if (config.DEMO_HISTORY || process.argv.includes('--demo-history')) {
      void seedDemoHistory({ prisma: runtime.db.prisma, baseUrl, token, logger }).catch((err: Error) =>
        logger.warn({ err: err.message }, 'demo: history not seeded'),
      );
    }
  }
  const lines = [
    '',
    '好办 haoban is running',
    runtime.app ? `  API + console:  ${url}   (health: ${url}/healthz)` : '  worker only',
    `  Temporal:       ${temporalAddress}${devServer?.uiAddress ? `   UI: ${devServer.uiAddress}` : ''}`,
    `  Database:       ${runtime.db.description}`,
  ];
  if (config.demoMode && runtime.app) {
    lines.push(
      '',
      `演示模式 demo mode: local only (HOST ${config.HOST}); tokens are signed with ${config.JWT_SECRET ? 'JWT_SECRET' : `the random secret in ${path.join(config.DATA_DIR, 'demo-jwt-secret')}`}`,
      '演示账号 demo users (Authorization: Bearer <token>; or POST /api/auth/token {"userId": "…"}):',
    );
    for (const user of DEMO_USERS) {
      const token = await runtime.tokens.issue({ id: user.id, name: user.name, roles: user.roles, groups: user.groups });
      lines.push(`  ${user.id.padEnd(12)} ${user.name}（${user.roles.map((r) => ROLE_LABELS[r]).join('、')}）`, `    ${token}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n\nCtrl-C to stop.\n');
}

main().catch((err) => {
  process.stderr.write(`haoban failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
