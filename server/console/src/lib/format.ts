// zh-CN formatting for dates, numbers and the domain's labels.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import { ROLE_LABELS as DOMAIN_ROLE_LABELS } from '../../../../activities/domain/roles';

dayjs.extend(relativeTime);
dayjs.locale('zh-cn');

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const number = new Intl.NumberFormat('zh-CN');
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });

export const fmtDateTime = (v?: string | Date | null) => (v ? dateTime.format(new Date(v)) : '—');
export const fmtNumber = (v?: number | null) => (v === undefined || v === null ? '—' : number.format(v));
export const fmtPercent = (v?: number | null) => (v === undefined || v === null ? '—' : percent.format(v));
export const fromNow = (v?: string | Date | null) => (v ? dayjs(v).fromNow() : '—');

/** Role names (角色) as the server defines them; indexed by any string, since users carry role strings. */
export const ROLE_LABELS: Record<string, string> = DOMAIN_ROLE_LABELS;

export const GROUP_LABELS: Record<string, string> = { ...ROLE_LABELS };

export const CASE_STATUS: Record<string, { label: string; color: string }> = {
  running: { label: '办理中', color: 'processing' },
  completed: { label: '已办结', color: 'success' },
  failed: { label: '异常', color: 'error' },
  terminated: { label: '已终止', color: 'default' },
};

// Audit actions in words: the server's label catalogue, one copy for API, exports and console.
export { auditActionLabel as actionLabel, actorLabel, fieldValue, FIELD_LABELS, isReadableField } from '../../../labels/words';

/** Due-state of a task for the inbox: overdue, due within a day, or fine. */
export function dueState(dueAt?: string | null, now = Date.now(), soonMs = 24 * 3600 * 1000): 'overdue' | 'soon' | 'ok' | 'none' {
  if (!dueAt) return 'none';
  const t = new Date(dueAt).getTime();
  if (t < now) return 'overdue';
  if (t - now < soonMs) return 'soon';
  return 'ok';
}
