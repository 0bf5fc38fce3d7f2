import path from 'node:path';
import { z } from 'zod';

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
  /** HS256 secret for bearer tokens. Demo mode derives one and says so. */
  JWT_SECRET: z.string().min(16).optional(),
  /** Demo mode: seeded users, `POST /api/auth/token` without a password. */
  DEMO_MODE: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFINITIONS_DIR: z.string().default(path.join(root, 'definitions')),
  /** How long an Idempotency-Key and its stored answer are kept (幂等键保留时长). */
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
});

export type Config = z.infer<typeof schema> & { rootDir: string; demoMode: boolean; jwtSecret: string };

const DEMO_SECRET = 'haoban-demo-secret-not-for-production';

/** Parses the environment once, failing fast with the offending variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`配置错误 (invalid configuration): ${details}`);
  }
  const demoMode = parsed.data.DEMO_MODE ?? parsed.data.DATABASE_URL === undefined;
  if (!demoMode && !parsed.data.JWT_SECRET) throw new Error('配置错误 (invalid configuration): JWT_SECRET is required outside demo mode');
  return Object.freeze({ ...parsed.data, rootDir: root, demoMode, jwtSecret: parsed.data.JWT_SECRET ?? DEMO_SECRET });
}
