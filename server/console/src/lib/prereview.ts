// 资料预审 for the applicant: files go up before any case exists, then the pre-review names them.
import { ApiError, session } from './api';
import { uploadFile, withRetries } from './materials';

export interface PrereviewFile {
  id: string;
  fileName: string;
  size: number;
  contentType: string;
}
export interface PrereviewMaterial {
  code: string;
  name: string;
  fileRef: string;
  status: 'pending' | 'ok' | 'fix';
  reason?: string;
  file?: PrereviewFile;
}
export interface Prereview {
  id: string;
  itemCode: string | null;
  eventCode: string | null;
  targetName: string | null;
  applicantId: string;
  status: 'submitted' | 'reviewed' | 'used';
  materials: PrereviewMaterial[];
  notice: string | null;
  reviewedAt: string | null;
  caseId: string | null;
  createdAt: string;
}

export const PREREVIEW_STATUS: Record<string, { label: string; color: string }> = {
  submitted: { label: '待预审', color: 'orange' },
  reviewed: { label: '已出预审意见', color: 'blue' },
  used: { label: '已转正式申请', color: 'green' },
};

export const MATERIAL_VERDICT: Record<string, { label: string; color: string }> = {
  pending: { label: '待预审', color: 'default' },
  ok: { label: '预审通过', color: 'green' },
  fix: { label: '需补正', color: 'red' },
};

/** Uploads one file for pre-review; resolves with its fileRef. */
export function uploadPrereviewFile(
  code: string,
  file: File,
  onProgress?: (percent: number) => void,
): Promise<PrereviewFile & { fileRef: string }> {
  return withRetries((key) => uploadFile('/api/prereview/files', { code }, file, onProgress, key));
}

/** Downloads a file of a pre-review under the signed-in user's token. */
export async function downloadPrereviewFile(prereviewId: string, file: PrereviewFile): Promise<void> {
  const token = session.token();
  const res = await fetch(`/api/prereview/${encodeURIComponent(prereviewId)}/files/${encodeURIComponent(file.id)}/content`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, '下载失败，请稍后重试', null);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
