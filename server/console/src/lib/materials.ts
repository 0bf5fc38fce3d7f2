// 申请材料: checklist types, upload with progress (XHR: fetch cannot report upload progress), download with the bearer token.
import { ApiError, isRetryable, newIdempotencyKey, session } from './api';

export interface MaterialFile {
  id: string;
  code: string;
  name: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  status: string;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

export interface ChecklistEntry {
  code: string;
  name: string;
  required: boolean;
  core: boolean;
  sources: string[];
  state: string;
  note?: string;
  deadline?: string | null;
  nonDeferrableReason?: string;
  file?: MaterialFile;
  history: MaterialFile[];
}

export interface Checklist {
  caseId: string;
  caseStatus: string;
  items: ChecklistEntry[];
  total: number;
  complete: boolean;
}

/** Catalogue material as the item API returns it. */
export interface ItemMaterial {
  code: string;
  name: string;
  sources: string[];
  core: boolean;
  copies?: number;
  note?: string;
}

export const STATE_TAGS: Record<string, { label: string; color: string }> = {
  submitted: { label: '已提交', color: 'blue' },
  accepted: { label: '已通过', color: 'green' },
  'needs-correction': { label: '需补正', color: 'red' },
  deferred: { label: '容缺待补', color: 'orange' },
  committed: { label: '已承诺', color: 'gold' },
  'e-licence': { label: '免提交（电子证照）', color: 'cyan' },
  'shared-data': { label: '免提交（共享数据）', color: 'cyan' },
  missing: { label: '未提交', color: 'default' },
};

export const SOURCE_LABELS: Record<string, string> = {
  'e-licence': '电子证照免提交',
  'shared-data': '部门共享免提交',
  commitment: '可告知承诺',
  deferrable: '可容缺后补',
  upload: '上传电子件',
  paper: '提交纸质件',
};

/** What the server accepts (checked again there by content): PDF, JPG, PNG, OFD up to 20 MB. */
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd';
export const MAX_BYTES = 20 * 1024 * 1024;

/** A client-side check before anything is sent, so a bad file is refused next to its material. */
export function checkFile(file: File): string | undefined {
  if (!/\.(pdf|jpe?g|png|ofd)$/i.test(file.name)) return `「${file.name}」类型不支持，仅接受 PDF、JPG、PNG、OFD`;
  if (file.size > MAX_BYTES) return `「${file.name}」超过 20 MB`;
  if (file.size === 0) return `「${file.name}」是空文件`;
  return undefined;
}

export const fmtSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Uploads one file to a case's material `code`; `onProgress` gets 0–100. Rejects with the API's error. */
export function uploadMaterial(
  caseId: string,
  code: string,
  file: File,
  onProgress?: (percent: number) => void,
  name?: string,
): Promise<MaterialFile> {
  return withRetries((key) =>
    uploadFile(`/api/cases/${encodeURIComponent(caseId)}/materials`, { code, ...(name ? { name } : {}) }, file, onProgress, key),
  );
}

/** Uploads one material of a 一件事's merged set; the server files it with every item that needs it. */
export function uploadEventMaterial(
  eventCaseId: string,
  code: string,
  file: File,
  onProgress?: (percent: number) => void,
): Promise<unknown> {
  return withRetries((key) =>
    uploadFile(`/api/events/cases/${encodeURIComponent(eventCaseId)}/materials`, { code }, file, onProgress, key),
  );
}

/** One Idempotency-Key per upload, kept across retries: a retried upload never stores the file twice. */
export async function withRetries<T>(send: (key: string) => Promise<T>): Promise<T> {
  const key = newIdempotencyKey();
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(key);
    } catch (err) {
      if (attempt >= 2 || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
    }
  }
}

/** Multipart upload with progress (XHR); resolves with the JSON answer, rejects with the API's error. */
export function uploadFile<T>(
  url: string,
  fields: Record<string, string>,
  file: File,
  onProgress?: (percent: number) => void,
  idempotencyKey?: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const token = session.token();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json');
    if (idempotencyKey) xhr.setRequestHeader('idempotency-key', idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试', null));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(100);
        resolve(body as T);
        return;
      }
      const err = (body as { error?: { code: string; message: string; details: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, err?.code ?? `HTTP_${xhr.status}`, err?.message ?? '上传失败，请稍后重试', err?.details ?? null));
    };
    xhr.send(form);
  });
}

/** Downloads a material file (the API needs the bearer token, so a plain link would not do). */
export async function downloadMaterial(caseId: string, file: Pick<MaterialFile, 'id' | 'fileName'>): Promise<void> {
  const token = session.token();
  const res = await fetch(`/api/cases/${encodeURIComponent(caseId)}/materials/${encodeURIComponent(file.id)}/content`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string } } | undefined;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? '下载失败，请稍后重试', null);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
