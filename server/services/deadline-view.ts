import { districtCalendar } from '../../activities/calendar/registry';
import { isProvisional } from '../../workflows/calendar/working-days';

/** The deadline variables a case may carry, with their Chinese names for the console. */
export const DEADLINE_VARIABLES: Record<string, string> = {
  decisionDueAt: '办理期限',
  supplementDueAt: '容缺补齐期限',
  licenceDueAt: '证照送达期限',
  verificationDueAt: '核查期限',
};

export interface DeadlineView {
  name: string;
  label: string;
  dueAt: string;
  /** 暂定: a year on the way has no official holiday notice yet; the date may move when it is loaded. */
  provisional: boolean;
}

/** Whether a due instant is provisional as of now (a year from now to the due date lacks its notice). */
export function dueProvisional(dueAt: Date | string | null | undefined, now: Date = new Date()): boolean {
  if (!dueAt) return false;
  const due = typeof dueAt === 'string' ? dueAt : dueAt.toISOString();
  if (Number.isNaN(Date.parse(due))) return false;
  return isProvisional(now.toISOString(), due, { calendar: districtCalendar() });
}

/** The case's deadlines as people see them, each marked provisional where it is. */
export function deadlinesOf(variables: Record<string, unknown> | null | undefined, now: Date = new Date()): DeadlineView[] {
  const vars = variables ?? {};
  const limits = vars.timeLimits && typeof vars.timeLimits === 'object' ? Object.keys(vars.timeLimits) : [];
  const names = [...new Set([...Object.keys(DEADLINE_VARIABLES), ...limits])];
  return names
    .filter((name) => typeof vars[name] === 'string' && !Number.isNaN(Date.parse(vars[name] as string)))
    .map((name) => ({
      name,
      label: DEADLINE_VARIABLES[name] ?? name,
      dueAt: vars[name] as string,
      provisional: dueProvisional(vars[name] as string, now),
    }));
}
