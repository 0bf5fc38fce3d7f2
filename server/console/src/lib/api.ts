// Thin fetch wrapper: bearer token from the session, JSON in/out, and the API's error shape as an exception.

const TOKEN_KEY = 'haoban.token';
const USER_KEY = 'haoban.user';

export interface SessionUser {
  id: string;
  name: string;
  roles: string[];
  groups: string[];
  department?: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    /** The server's Retry-After (seconds), when it sent one. */
    readonly retryAfter: string | null = null,
  ) {
    super(message);
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  user: (): SessionUser | null => {
    const raw = sessionStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as SessionUser) : null;
  },
  save(token: string, user: SessionUser) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
};

let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Send the body as-is with this content type (e.g. BPMN XML). */
  rawType?: string;
  headers?: Record<string, string>;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * One key per submit attempt (幂等键): the server answers a repeated POST with the first answer instead of
 * creating again, so a retry after a lost answer or a restart of the engine is safe.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Plain-HTTP pages on another host are not a secure context and lack randomUUID.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Worth retrying with the same key: no answer, the engine restarting (503), or the first attempt still running. */
export function isRetryable(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status === 503 || err.code === 'IDEMPOTENCY_KEY_IN_PROGRESS');
}

const RETRIES = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body !== undefined ? 'POST' : 'GET');
  if (method !== 'POST') return send<T>(path, method, options);
  const headers = { 'idempotency-key': newIdempotencyKey(), ...options.headers };
  for (let attempt = 0; ; attempt++) {
    try {
      return await send<T>(path, method, { ...options, headers });
    } catch (err) {
      if (attempt >= RETRIES || !isRetryable(err)) throw err;
      await sleep(retryDelay(err as ApiError, attempt));
    }
  }
}

function retryDelay(err: ApiError, attempt: number): number {
  const after = Number(err.retryAfter);
  return Math.min(5000, Number.isFinite(after) && after > 0 ? after * 1000 : 500 * 2 ** attempt);
}

async function send<T>(path: string, method: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (options.rawType) {
      headers['content-type'] = options.rawType;
      body = options.body as string;
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), { method, headers, body });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试 (network error)', null);
  }
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') && text ? JSON.parse(text) : text;
  if (!res.ok) {
    const err = (data as { error?: { code: string; message: string; details: unknown } })?.error;
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
    throw new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? `请求失败 (HTTP ${res.status})`,
      err?.details ?? null,
      res.headers.get('retry-after'),
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query']) => request<T>(path, { query }),
  post: <T>(path: string, body?: unknown, extra: Omit<RequestOptions, 'body' | 'method'> = {}) =>
    request<T>(path, { ...extra, method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body: body ?? {} }),
};

/** Downloads a file the API generates (导出 Excel, documents) under the signed-in user's token. */
export async function download(path: string, query?: RequestOptions['query'], fallbackName = '导出.xlsx'): Promise<string> {
  const headers: Record<string, string> = {};
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(withQuery(path, query), { headers });
  if (!res.ok) {
    const data = await res.json().catch(() => null);
    const err = (data as { error?: { code: string; message: string; details: unknown } } | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? `下载失败 (HTTP ${res.status})`,
      err?.details ?? null,
    );
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const fileName = name ? decodeURIComponent(name) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}

/** Does the server have this route yet? A 404 with "no such route" means the feature has not landed. */
export function isMissingRoute(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404 && /no such route|没有这个接口/.test(err.message);
}

export interface Page<T> {
  items: T[];
  total: number;
}
