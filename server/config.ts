import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAX_EVENTS_PER_RUN } from '../workflows/host/xstate-host';
import { handlingOverrides, jsonOf, machineDeadlineOverrides, materialsOverrides } from './config-blocks';
import { checkSecretStrength, demoSecret, isLoopbackHost } from './config-secrets';
import { DEFAULT_INPUT_LIMITS } from './middleware/input-guard';
import { REPEAT_RULE_DEFAULTS } from '../activities/domain/hotline/matching';

const root = path.resolve(__dirname, '..');

/** How a parameter is documented: the README's configuration table is generated from these (`npm run docs:config`). */
export interface ParameterDoc {
  /** The default as a reader should see it. */
  default: string;
  description: string;
  /** The rule the value comes from (a docs/rules.md section with its official source), or why it is a technical choice. */
  source: string;
}

const param = <S extends z.ZodType>(schema: S, doc: ParameterDoc) => ({ schema, doc });
const TECHNICAL = 'technical choice (no rule)';
const rule = (anchor: string, official: string) => `[docs/rules.md#${anchor}](docs/rules.md#${anchor}) (${official})`;
const positiveInt = z.coerce.number().int().positive();

/**
 * Every parameter of haoban, read from the environment in one place (this module): its variable, its
 * schema with the default, what it means and the rule it comes from. Everything else receives the parsed
 * values from the entry point (`startRuntime`), never from `process.env`.
 */
export const CONFIG_PARAMETERS = {
  NODE_ENV: param(z.enum(['development', 'test', 'production']).default('development'), {
    default: '`development`',
    description: '`production` turns demo mode off for good (and refuses `DEMO_MODE=1`)',
    source: TECHNICAL,
  }),
  PORT: param(z.coerce.number().int().min(0).max(65535).default(3000), {
    default: '`3000`',
    description: 'HTTP listener port',
    source: TECHNICAL,
  }),
  HOST: param(z.string().default('127.0.0.1'), {
    default: '`127.0.0.1`',
    description: 'HTTP listener address (demo mode only on a loopback `HOST`)',
    source: TECHNICAL,
  }),
  DATABASE_URL: param(z.string().url().optional(), {
    default: 'unset → PGlite in `data/pglite`',
    description: 'PostgreSQL connection URL',
    source: TECHNICAL,
  }),
  DATA_DIR: param(z.string().default(path.join(root, 'data')), {
    default: '`./data`',
    description: 'embedded PGlite and Temporal files',
    source: TECHNICAL,
  }),
  TEMPORAL_ADDRESS: param(z.string().optional(), {
    default: 'unset → dev server on `TEMPORAL_PORT`',
    description: 'Temporal frontend `host:port`',
    source: TECHNICAL,
  }),
  TEMPORAL_NAMESPACE: param(z.string().default('default'), { default: '`default`', description: 'Temporal namespace', source: TECHNICAL }),
  TEMPORAL_TASK_QUEUE: param(z.string().default('case-engine'), {
    default: '`case-engine`',
    description: 'task queue shared by all workers',
    source: TECHNICAL,
  }),
  TEMPORAL_PORT: param(z.coerce.number().int().min(1).max(65535).default(7233), {
    default: '`7233`',
    description: 'frontend port of the embedded dev server',
    source: TECHNICAL,
  }),
  TEMPORAL_UI_PORT: param(z.coerce.number().int().min(1).max(65535).default(8233), {
    default: '`8233`',
    description: 'web UI port of the embedded dev server',
    source: TECHNICAL,
  }),
  JWT_SECRET: param(z.string().optional(), {
    default: 'demo mode: random, kept in `<DATA_DIR>/demo-jwt-secret`',
    description: 'HS256 key for bearer tokens; required outside demo mode; ≥ 32 characters and not repetitive, else start-up is refused',
    source: TECHNICAL,
  }),
  DEMO_MODE: param(
    z
      .enum(['0', '1', 'true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
    {
      default: 'on when `DATABASE_URL` is unset, `NODE_ENV` is not `production` and `HOST` is loopback',
      description:
        'seeded users and passwordless `POST /api/auth/token`; `DEMO_MODE=1` is refused in production or on a non-loopback `HOST`',
      source: TECHNICAL,
    },
  ),
  DEMO_HISTORY: param(
    z
      .enum(['0', '1', 'true', 'false'])
      .optional()
      .transform((v) => v === '1' || v === 'true'),
    {
      default: 'off',
      description:
        '演示历史数据: on a fresh demo data directory, seed weeks of cases, ratings and 12345 orders through the engine (demo mode only; also `npm start -- --demo-history`)',
      source: TECHNICAL,
    },
  ),
  LOG_LEVEL: param(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), {
    default: '`info`',
    description: 'pino log level',
    source: TECHNICAL,
  }),
  DEFINITIONS_DIR: param(z.string().default(path.join(root, 'definitions')), {
    default: '`./definitions`',
    description: 'BPMN (`processes/**/*.bpmn`), catalogue, task forms and holiday notices loaded at start-up',
    source: TECHNICAL,
  }),
  IDEMPOTENCY_TTL_HOURS: param(
    z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(24),
    {
      default: '`24`',
      description: 'how long an `Idempotency-Key` and its stored answer are kept (幂等键保留时长)',
      source: TECHNICAL,
    },
  ),
  INPUT_MAX_DEPTH: param(positiveInt.default(DEFAULT_INPUT_LIMITS.maxDepth), {
    default: `\`${DEFAULT_INPUT_LIMITS.maxDepth}\``,
    description: 'deepest nesting of a JSON request body',
    source: TECHNICAL,
  }),
  VARIABLES_MAX_DEPTH: param(positiveInt.default(DEFAULT_INPUT_LIMITS.variablesMaxDepth), {
    default: `\`${DEFAULT_INPUT_LIMITS.variablesMaxDepth}\``,
    description: 'deepest nesting of a `variables` object at the edge',
    source: TECHNICAL,
  }),
  VARIABLES_MAX_BYTES: param(positiveInt.default(DEFAULT_INPUT_LIMITS.variablesMaxBytes), {
    default: `\`${DEFAULT_INPUT_LIMITS.variablesMaxBytes}\``,
    description:
      "largest JSON size of a `variables` object at the edge (a case's variables stay within the engine's 128 KiB, refused naming the element)",
    source: TECHNICAL,
  }),
  PUBLIC_BASE_URL: param(z.string().url().default('http://127.0.0.1:3000'), {
    default: '`http://127.0.0.1:3000`',
    description: "address printed in the documents' QR codes (the public progress page)",
    source: TECHNICAL,
  }),
  HANDLING_CONFIG: param(jsonOf(handlingOverrides).optional(), {
    default: 'rule defaults',
    description:
      'JSON overrides of the in- and post-handling parameters (time limits, quiet hours, retries, rating deadlines), e.g. `{"quietHours":{…}}`; each key names its own rule in `activities/handling/config.ts`',
    source: [
      rule('licensing-time-limits', '《中华人民共和国行政许可法》'),
      rule('deferred-acceptance', '容缺受理'),
      rule('commitment', '国办发〔2020〕42号'),
      rule('ratings', '国办发〔2019〕51号'),
      rule('quiet-hours', '免打扰'),
    ].join(', '),
  }),
  MATERIALS_CONFIG: param(jsonOf(materialsOverrides).optional(), {
    default: 'upload defaults',
    description: 'JSON overrides of the upload limits (`maxFileBytes`, `allowedKinds`, `maxFileNameLength`, `maxReviewNoteLength`)',
    source: rule('uploads', 'GB/T 33190-2016 for OFD'),
  }),
  HAOBAN_MACHINE_DEADLINES: param(jsonOf(machineDeadlineOverrides).optional(), {
    default: 'rule defaults',
    description: 'JSON overrides of the rule machines\' working-day counts, e.g. `{"fallback":{"general":3}}`',
    source:
      rule('hotline', '12345') +
      ', ' +
      rule('fallback-window', '办不成事') +
      ', ' +
      rule('agency', '帮办代办') +
      ', ' +
      rule('linkage', '审管联动'),
  }),
  HAOBAN_MACHINE_EVENTS_PER_RUN: param(positiveInt.default(DEFAULT_MAX_EVENTS_PER_RUN), {
    default: `\`${DEFAULT_MAX_EVENTS_PER_RUN}\``,
    description: 'events a rule-machine workflow takes before it continues as new (snapshot and pending timers carried over)',
    source: TECHNICAL,
  }),
  HAOBAN_MS_PER_WORKING_DAY: param(positiveInt.optional(), {
    default: 'unset (official calendar)',
    description: 'compress a working day of the rule machines to this many milliseconds, for demos and tests',
    source: rule('working-days', '《中华人民共和国行政许可法》第八十二条'),
  }),
  HOTLINE_REPEAT_MIN_ORDERS: param(positiveInt.default(REPEAT_RULE_DEFAULTS.minOrders), {
    default: `\`${REPEAT_RULE_DEFAULTS.minOrders}\``,
    description: '12345 重复诉求: orders at one place about one matter type that make a repeat group',
    source: rule('hotline-repeats', '国办函〔2025〕66号; the count is an engine default'),
  }),
  HOTLINE_REPEAT_WINDOW_DAYS: param(positiveInt.default(REPEAT_RULE_DEFAULTS.windowDays), {
    default: `\`${REPEAT_RULE_DEFAULTS.windowDays}\``,
    description: '12345 重复诉求: the window, in days, those orders fall in',
    source: rule('hotline-repeats', '国办函〔2025〕66号; the window is an engine default'),
  }),
  HOTLINE_WEBHOOK_SECRET: param(z.string().optional(), {
    default: 'unset → the webhook answers 503',
    description: 'shared secret the 12345 platform sends in `x-hotline-secret` when it posts orders',
    source: TECHNICAL,
  }),
};

type Parameters = typeof CONFIG_PARAMETERS;
const schema = z.object(
  Object.fromEntries(Object.entries(CONFIG_PARAMETERS).map(([k, p]) => [k, p.schema])) as {
    [K in keyof Parameters]: Parameters[K]['schema'];
  },
);

export type Config = z.infer<typeof schema> & { rootDir: string; demoMode: boolean; jwtSecret: string };

const invalid = (message: string) => new Error(`配置错误 (invalid configuration): ${message}`);

/**
 * Parses the environment once, failing fast with the offending variable named.
 * Demo mode (passwordless tokens, seeded users) runs only on a local machine: never with
 * NODE_ENV=production and only while the HTTP listener is bound to a loopback address.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, as in most shells' `VAR= command`.
  const given = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in CONFIG_PARAMETERS && v !== ''));
  const parsed = schema.safeParse(given);
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
