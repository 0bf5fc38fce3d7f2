// Opening a protected file (material, document) in the browser's own viewer: the API needs the
// bearer token, so the bytes are fetched here and handed to a new tab as a blob URL.
import { ApiError, session } from './api';

export async function fetchProtected(url: string): Promise<Blob> {
  const token = session.token();
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string } } | undefined;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? '文件打开失败，请稍后重试', null);
  }
  return res.blob();
}

/** Opens a PDF or image in a new tab (the browser's PDF viewer / image view). */
export async function openInNewTab(url: string): Promise<void> {
  // The tab is opened before the await so a popup blocker sees it as the click's own window.
  const tab = window.open('', '_blank');
  try {
    const blobUrl = URL.createObjectURL(await fetchProtected(url));
    if (tab) tab.location.href = blobUrl;
    else window.open(blobUrl, '_blank');
    setTimeout(() => URL.revokeObjectURL(blobUrl), 120_000);
  } catch (e) {
    tab?.close();
    throw e;
  }
}
