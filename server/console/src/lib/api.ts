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

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
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
    res = await fetch(withQuery(path, options.query), { method: options.method ?? (body ? 'POST' : 'GET'), headers, body });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试 (network error)', null);
  }
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') && text ? JSON.parse(text) : text;
  if (!res.ok) {
    const err = (data as { error?: { code: string; message: string; details: unknown } })?.error;
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? `请求失败 (HTTP ${res.status})`, err?.details ?? null);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query']) => request<T>(path, { query }),
  post: <T>(path: string, body?: unknown, extra: Omit<RequestOptions, 'body' | 'method'> = {}) => request<T>(path, { ...extra, method: 'POST', body: body ?? {} }),
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
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? `下载失败 (HTTP ${res.status})`, err?.details ?? null);
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
