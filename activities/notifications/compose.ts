import type { CompiledProcess, Variables } from '../../workflows/engine/model';
import { predictNextSteps } from './next-steps';

export type CaseEvent = 'task.opened' | 'case.completed' | 'case.failed' | 'notice';

/** What the applicant is told at a case step: what happened, what comes next, what is needed, by when. */
export interface NotificationMessage {
  title: string;
  happened: string;
  next: string[];
  needed: string[];
  deadline: string | null;
  text: string;
}

export interface ComposeInput {
  event: CaseEvent;
  caseTitle: string;
  caseId: string;
  process?: CompiledProcess;
  activeElementIds: string[];
  variables: Variables;
  applicantId: string;
  stepName?: string;
  /** For `notice`: the notice's own wording (容缺通知, 延期告知 …). */
  notice?: { title: string; body: string; needed?: string[]; deadline?: string | null };
}

export function composeMessage(input: ComposeInput): NotificationMessage {
  const vars = input.variables;
  const next = input.process ? predictNextSteps(input.process, input.activeElementIds, vars, input.applicantId).map((s) => s.name) : [];
  const neededVar = Array.isArray(vars.neededFromApplicant) ? (vars.neededFromApplicant as unknown[]).map(String) : [];
  let title: string;
  let happened: string;
  let needed = neededVar;
  let deadline = pickDeadline(vars);
  switch (input.event) {
    case 'task.opened':
      title = `办件进度 (progress): ${input.caseTitle}`;
      happened = `您的办件已进入「${input.stepName ?? '办理'}」环节 (your case is now at this step)`;
      break;
    case 'case.completed': {
      const result = vars.result as { decision?: string } | undefined;
      const decision = result?.decision ?? vars.decision;
      title = `办件办结 (case finished): ${input.caseTitle}`;
      // The applicant reads the outcome in words, never the process's value.
      const outcome =
        vars.accepted === false ? '不予受理' : decision === 'approved' ? '准予许可' : decision === 'rejected' ? '不予许可' : '';
      happened = outcome ? `您的办件已办结，${outcome}` : '您的办件已办结';
      needed = [];
      deadline = null;
      break;
    }
    case 'case.failed':
      title = `办件异常 (case needs attention): ${input.caseTitle}`;
      happened = '您的办件办理中出现异常，工作人员正在处理 (staff are handling a problem)';
      needed = [];
      break;
    case 'notice':
      title = input.notice?.title ?? `办件通知 (notice): ${input.caseTitle}`;
      happened = input.notice?.body ?? '';
      needed = input.notice?.needed ?? needed;
      deadline = input.notice?.deadline ?? deadline;
      break;
  }
  const lines = [
    happened,
    next.length ? `下一步 (next): ${next.join(' → ')}` : '',
    needed.length ? `需要您提供 (needed from you): ${needed.join('、')}` : '无需您再提供材料 (nothing needed from you)',
    deadline ? `期限 (deadline): ${deadline}` : '',
    `办件编号 (case): ${input.caseId}`,
  ].filter(Boolean);
  return { title, happened, next, needed, deadline, text: lines.join('\n') };
}

/** The deadline that matters to the applicant first: a supplement date, else the decision date. */
function pickDeadline(vars: Variables): string | null {
  for (const key of ['supplementDueAt', 'decisionDueAt', 'licenceDueAt']) {
    if (typeof vars[key] === 'string') return vars[key] as string;
  }
  return null;
}
