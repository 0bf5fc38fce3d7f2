import type { RequestHandler } from 'express';
import { AppError } from '../errors';
import { VARIABLES_LIMIT_BYTES } from '../../workflows/engine/model';

/**
 * Input rules every route shares (输入校验), checked before any route runs: strings must be
 * well-formed Unicode without NUL (PostgreSQL cannot store U+0000 or a lone surrogate, so such a
 * string would otherwise fail deep inside a write), JSON is bounded in depth, and `variables`
 * objects in depth and size. Violations answer 400 naming the field.
 */
export interface InputLimits {
  /** Deepest nesting of any JSON body (objects and arrays). */
  maxDepth: number;
  /** Deepest nesting inside a `variables` object. */
  variablesMaxDepth: number;
  /** Largest `variables` object, in bytes of JSON. */
  variablesMaxBytes: number;
}

/**
 * The edge size limit sits above the engine's own (128 KiB for a case's variables, checked with the
 * element and task named), so it stops only what could never fit, before anything is parsed further.
 */
export const DEFAULT_INPUT_LIMITS: InputLimits = { maxDepth: 32, variablesMaxDepth: 16, variablesMaxBytes: 2 * VARIABLES_LIMIT_BYTES };

export interface InputProblem {
  path: string;
  message: string;
}

// U+0000, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const BAD_CHARS = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or undefined when it can. */
export function badStringReason(value: string): string | undefined {
  const match = BAD_CHARS.exec(value);
  if (!match) return undefined;
  return match[0] === '\u0000'
    ? '不能包含空字符 U+0000 (NUL is not allowed)'
    : '含有不成对的代理字符，不是合法的 Unicode 文本 (lone surrogate: not well-formed Unicode)';
}

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * Walks a parsed value iteratively (a 5,000-deep body must not overflow the stack here either) and
 * returns the first problem found.
 */
export function findBadInput(value: unknown, root: string, limits: InputLimits = DEFAULT_INPUT_LIMITS): InputProblem | undefined {
  const stack: { value: unknown; path: string; depth: number; varsDepth: number }[] = [{ value, path: root, depth: 0, varsDepth: -1 }];
  while (stack.length) {
    const item = stack.pop()!;
    const v = item.value;
    if (typeof v === 'string') {
      const reason = badStringReason(v);
      if (reason) return { path: item.path, message: reason };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (item.depth >= limits.maxDepth)
      return { path: item.path, message: `嵌套层数超过 ${limits.maxDepth} (nested deeper than ${limits.maxDepth})` };
    if (item.varsDepth >= limits.variablesMaxDepth) {
      return {
        path: item.path,
        message: `流程变量嵌套层数超过 ${limits.variablesMaxDepth} (variables nested deeper than ${limits.variablesMaxDepth})`,
      };
    }
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [key, child] of entries) {
      const path = join(item.path, key);
      if (typeof key === 'string') {
        const reason = badStringReason(key);
        if (reason) return { path, message: `字段名${reason}` };
      }
      let varsDepth = item.varsDepth >= 0 ? item.varsDepth + 1 : -1;
      if (key === 'variables' && varsDepth < 0 && child !== null && typeof child === 'object') {
        varsDepth = 0;
        const size = Buffer.byteLength(safeStringify(child));
        if (size > limits.variablesMaxBytes)
          return { path, message: `流程变量过大：${size} 字节，上限 ${limits.variablesMaxBytes} (variables too large)` };
      }
      stack.push({ value: child, path, depth: item.depth + 1, varsDepth });
    }
  }
  return undefined;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return ''; // too deep to serialise: the depth rule reports it
  }
}

export function inputError(problem: InputProblem): AppError {
  return new AppError(400, 'VALIDATION_FAILED', `请求参数不正确：${problem.path} ${problem.message}`, [problem]);
}

/** Path segments as the router will decode them (a malformed escape or NUL in an id is the client's error, not ours). */
function pathProblem(path: string): InputProblem | undefined {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { path: `path ${segment}`, message: '路径编码不正确 (malformed percent-encoding)' };
    }
    const reason = badStringReason(decoded);
    if (reason) return { path: `path ${segment}`, message: reason };
  }
  return undefined;
}

/**
 * The global guard: path, query and JSON body. Multipart and text bodies are checked where they are parsed.
 * The limits come from the configuration (INPUT_MAX_DEPTH, VARIABLES_MAX_DEPTH, VARIABLES_MAX_BYTES).
 */
export function inputGuard(limits: InputLimits = DEFAULT_INPUT_LIMITS): RequestHandler {
  return (req, _res, next) => {
    const problem =
      pathProblem(req.path) ??
      findBadInput(req.query, 'query', limits) ??
      (req.body !== undefined && typeof req.body === 'object' ? findBadInput(req.body, 'body', limits) : undefined);
    next(problem ? inputError(problem) : undefined);
  };
}
