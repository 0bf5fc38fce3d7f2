// Plain words for citizens: the API answers "中文 (English detail)"; applicants see the Chinese part only.
import { DEPARTMENTS } from '../../../../activities/catalog/departments';

/** Drops parenthesised fragments that are English (the API's developer notes), keeping Chinese ones. */
export function plain(message: string): string {
  return message
    .replace(/\s*[(（][^()（）]*[A-Za-z]{3,}[^()（）]*[)）]/g, (m) =>
      /[\u4e00-\u9fff]/.test(m) && !/[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(m) ? m : '',
    )
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** The error's message in plain words, whatever was thrown. */
export function plainError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return plain(msg) || '操作未成功，请稍后重试';
}

/** A staff group in words: `dept-scjgj` → 区市场监督管理局, a role group → its role name. */
export function groupName(group: string, roleLabels: Record<string, string>): string {
  const dept = /^dept-(.+)$/.exec(group)?.[1];
  if (dept) return DEPARTMENTS.find((d) => d.code === dept)?.name ?? '承办部门';
  return roleLabels[group] ?? '工作人员';
}
