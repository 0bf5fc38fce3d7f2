// Where a case stands in the applicant's words (我的办件, progress pages): 待补正, 待缴费, 待领取 before 办理中 / 已办结.

export interface StageFacts {
  status: string;
  variables: Record<string, unknown>;
  result?: unknown;
  /** Materials staff asked for again or the process still needs from the applicant. */
  neededCount: number;
  openTaskNames: string[];
  /** 结果送达: method and state, when the case has one. */
  delivery?: { method: string; status: string } | null;
}

export interface Stage {
  code: 'correction' | 'payment' | 'pickup' | 'running' | 'approved' | 'not-approved' | 'completed' | 'failed';
  label: string;
  /** What the applicant should do now, in one line (empty when nothing). */
  action: string;
}

export function stageOf(f: StageFacts): Stage {
  const v = f.variables;
  const result = (f.result ?? {}) as Record<string, unknown>;
  if (f.status === 'running') {
    if (f.neededCount > 0) return { code: 'correction', label: '待补正', action: '请按一次性告知书补交材料' };
    if (f.openTaskNames.some((n) => /缴费|缴纳/.test(n)) || (v.feeDue === true && v.feePaid !== true))
      return { code: 'payment', label: '待缴费', action: '请按缴费通知缴纳费用' };
    return { code: 'running', label: '办理中', action: '' };
  }
  if (f.status === 'failed') return { code: 'failed', label: '办理异常', action: '请联系办事窗口' };
  const decision = result.decision ?? v.decision;
  if (v.accepted === false || decision === 'rejected')
    return { code: 'not-approved', label: v.accepted === false ? '不予受理' : '不予许可', action: '' };
  if (f.delivery && f.delivery.method === 'pickup' && f.delivery.status !== 'delivered')
    return { code: 'pickup', label: '待领取', action: '请携带身份证件到窗口领取结果' };
  if (decision === 'approved') return { code: 'approved', label: '已办结', action: '' };
  return { code: 'completed', label: '已办结', action: '' };
}
