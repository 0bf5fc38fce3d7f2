import { ApplicationFailure } from '@temporalio/activity';

/**
 * Read-model write failures (投影写入失败) by kind. A data error — the row can never be written as
 * given, e.g. PostgreSQL 22021 "invalid byte sequence for encoding UTF8: 0x00" — fails at once and
 * is not retried; anything else (connection lost, lock timeout) is retried by the workflow's bounded
 * policy. Either way the workflow then raises an incident and marks the case as diverged.
 */
export const PROJECTION_DATA_ERROR = 'ProjectionDataError';

// SQLSTATE class 22 (data exception: 22021 invalid byte sequence, 22P05 untranslatable character,
// 22001 string too long …) and 54 (program limit exceeded: row or JSON too large).
const DATA_SQLSTATE = /^(22|54)[0-9A-Z]{3}$/;
const DATA_MESSAGE =
  /invalid byte sequence|untranslatable character|unsupported Unicode escape sequence|\\u0000 cannot be converted|lone surrogate/i;

/** The SQLSTATE of a pg / Prisma error, wherever the driver adapter put it. */
function sqlState(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 4) return undefined;
  const e = err as {
    code?: unknown;
    cause?: unknown;
    meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } };
  };
  for (const code of [e.code, e.meta?.code, e.meta?.driverAdapterError?.cause?.originalCode]) {
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('P')) return code;
  }
  return sqlState(e.cause, depth + 1);
}

export function isDataError(err: unknown): boolean {
  const state = sqlState(err);
  if (state) return DATA_SQLSTATE.test(state);
  return DATA_MESSAGE.test(String((err as Error | undefined)?.message ?? err));
}

/** Wraps projection activities: data errors leave as non-retryable failures, the rest unchanged. */
export function classifyProjectionErrors<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        if (err instanceof ApplicationFailure || !isDataError(err)) throw err;
        throw ApplicationFailure.create({
          type: PROJECTION_DATA_ERROR,
          nonRetryable: true,
          message: `读模型无法写入 (read model cannot be written): ${storableText((err as Error).message ?? String(err))}`,
        });
      }
    };
  }
  return wrapped as T;
}

// U+0000 or a lone surrogate: what PostgreSQL text and jsonb cannot hold.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string PostgreSQL can store: NUL and lone surrogates become U+FFFD (for diagnostics, not for case data). */
export function storableText(value: string): string {
  return value.replace(UNSTORABLE, '\uFFFD');
}
