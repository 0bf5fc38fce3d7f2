import path from 'node:path';
import { z } from 'zod';
import { checkSecretStrength, demoSecret, isLoopbackHost } from './config-secrets';

const root = path.resolve(__dirname, '..');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** PostgreSQL URL; when unset the embedded PGlite under DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(path.join(root, 'data')),
  /** Temporal frontend (host:port); when unset `npm start` runs a dev server. */
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('case-engine'),
  /** HS256 secret for bearer tokens, checked for strength. Demo mode generates one under DATA_DIR. */
  JWT_SECRET: z.string().optional(),
  /** Demo mode: seeded users, `POST /api/auth/token` without a password. Local only. */
  DEMO_MODE: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
  /** 演示历史数据: on a fresh demo data directory, seed weeks of cases, ratings and 12345 orders (demo mode only). */
  DEMO_HISTORY: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFINITIONS_DIR: z.string().default(path.join(root, 'definitions')),
  /** How long an Idempotency-Key and its stored answer are kept (幂等键保留时长). */
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
});

export type Config = z.infer<typeof schema> & { rootDir: string; demoMode: boolean; jwtSecret: string };

const invalid = (message: string) => new Error(`配置错误 (invalid configuration): ${message}`);

/**
 * Parses the environment once, failing fast with the offending variable named.
 * Demo mode (passwordless tokens, seeded users) runs only on a local machine: never with
 * NODE_ENV=production and only while the HTTP listener is bound to a loopback address.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw invalid(details);
  }
  const c = parsed.data;
  const local = c.NODE_ENV !== 'production' && isLoopbackHost(c.HOST);
  if (c.DEMO_MODE === true && !local) {
    throw invalid(
      `演示模式只能在本机运行 (DEMO_MODE=1 is refused ${c.NODE_ENV === 'production' ? 'with NODE_ENV=production' : `with HOST=${c.HOST}, which is not a loopback address`}); unset DEMO_MODE and set JWT_SECRET`,
    );
  }
  // Embedded defaults (no DATABASE_URL) on a local machine are the demo; anything else must opt out of it.
  const demoMode = c.DEMO_MODE ?? (c.DATABASE_URL === undefined && local);
  if (c.JWT_SECRET !== undefined) {
    const weakness = checkSecretStrength(c.JWT_SECRET);
    if (weakness) throw invalid(`JWT_SECRET ${weakness}`);
  } else if (!demoMode) {
    throw invalid(
      `JWT_SECRET is required outside demo mode (demo mode needs no DATABASE_URL or DEMO_MODE=1, NODE_ENV other than production and a loopback HOST; now NODE_ENV=${c.NODE_ENV}, HOST=${c.HOST}${c.DATABASE_URL ? ', DATABASE_URL set' : ''})`,
    );
  }
  const jwtSecret = c.JWT_SECRET ?? demoSecret(c.DATA_DIR);
  return Object.freeze({ ...c, rootDir: root, demoMode, jwtSecret });
}
