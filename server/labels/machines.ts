// Rule machines (办不成事, 12345, 343 代办, 审管联动) in words: states, events and coded values. One
// catalogue for the console, the API and exports. Browser-safe: no Node imports (the console bundles it).
// The machines themselves are in workflows/machines/*.

export const STATE_LABELS: Record<string, string> = {
  // 办不成事
  registered: '已登记（待分类）',
  onTheSpot: '即办',
  transferred: '已转办',
  explaining: '政策解释中',
  concluded: '已办结（待反馈）',
  fedBack: '已反馈（待核查）',
  verified: '已核查（待备案）',
  filed: '已备案',
  // 12345
  received: '已受理（待派单）',
  dispatched: '已派单（待签收）',
  handling: '办理中',
  returned: '退单待改派',
  replied: '已答复（待回访）',
  revisited: '已回访（待评价）',
  merged: '已并单',
  following: '已并单（随主单办理）',
  // 审管联动
  pushed: '待处置',
  signed: '已认领',
  found: '待推送',
  acted: '已处置',
  referred: '待召开',
  convened: '已召开（待决定）',
  executing: '决定执行中',
  drafted: '待报送',
  awaitingReply: '待市级答复',
  proposed: '待提交',
  underReview: '审核中',
  effective: '已生效',
  rejected: '不予调整',
  closed: '已办结',
  // 343 代办
  applied: '已申请（待受理）',
  accepted: '已受理（待签委托书）',
  inProgress: '代办中',
  suspended: '已中止',
  preReview: '审前导办',
  guiding: '导办中（待安排联合预审）',
  meeting: '联合预审（待部门意见）',
  jointHandling: '互动联办',
  followUp: '全周期跟办',
  terminated: '已终止',
  rated: '已评价',
};

/** The same state name means different things per rule; these override STATE_LABELS for one kind. */
const KIND_STATE_LABELS: Record<string, Record<string, string>> = {
  'linkage.notice': { pushed: '待认领' },
  'linkage.finding': { pushed: '待审批侧处置' },
  'linkage.city': { replied: '市级已答复' },
  agency: { completed: '已办结（待评价）' },
};

/** 督办 sub-states of a step with a deadline. */
export const SUPERVISION_LABELS: Record<string, { label: string; color: string }> = {
  onTime: { label: '正常', color: 'green' },
  dueSoon: { label: '临近时限', color: 'gold' },
  overdue: { label: '已超期·催办', color: 'orange' },
  escalated: { label: '已升级督办', color: 'red' },
};

export const EVENT_LABELS: Record<string, string> = {
  'machine.started': '登记/创建',
  'fallback.classify': '分类转办',
  'fallback.conclude': '办结',
  'fallback.explain': '政策解释',
  'fallback.feedback': '反馈',
  'fallback.verify': '核查',
  'fallback.file': '备案',
  'fallback.linkOrders': '关联 12345 工单',
  'order.dispatch': '派单',
  'order.sign': '签收',
  'order.return': '退单',
  'order.reassign': '改派',
  'order.extend': '延期',
  'order.reply': '答复',
  'order.revisit': '回访',
  'order.rate': '评价',
  'order.merge': '并单',
  'order.follow': '并单（随主单办理）',
  'order.leadUpdate': '主单进展同步',
  'order.leadReplied': '主单答复同步',
  'order.split': '拆单',
  'notice.sign': '认领',
  'finding.push': '推送审批侧',
  'finding.act': '审批侧处置',
  'meeting.convene': '召开会议',
  'meeting.decide': '作出决定',
  'meeting.taskDone': '任务完成',
  'city.submit': '报送市级',
  'city.reply': '登记市级答复',
  'city.close': '办结',
  'adjustment.submit': '提交审核',
  'adjustment.approve': '审核通过',
  'adjustment.return': '退回修改',
  'adjustment.reject': '不予调整',
  'agency.accept': '受理（组建代办团队）',
  'agency.decline': '不予受理',
  'agency.signMandate': '签订委托书',
  'preReview.schedule': '安排联合预审',
  'preReview.opinion': '登记部门预审意见',
  'case.linked': '关联办件',
  'case.closed': '办件办结',
  'phase.followUp': '转入全周期跟办',
  'project.inOperation': '项目投产运营（办结）',
  'agency.complete': '代办办结',
  'agency.progress': '记录代办进展',
  'agency.suspend': '中止代办',
  'agency.resume': '续办（续签委托书）',
  'agency.terminate': '终止代办',
  'agency.rate': '服务评价',
};
/** Durable-timer transitions (`xstate.after.<delay>.<state>`) are the 督办 steps. */
const TIMER_LABELS: Record<string, string> = {
  remindDelay: '到期前提醒',
  dueDelay: '超期催办',
  escalateDelay: '升级督办',
  repeatDelay: '再次升级督办',
};
export const eventLabel = (e: string) =>
  EVENT_LABELS[e] ?? (e.startsWith('xstate.after.') ? (TIMER_LABELS[e.split('.')[2]] ?? '时限到达（督办）') : e);

/** Events only the system sends (并单), never offered as buttons. */
export const SYSTEM_EVENTS = new Set([
  'fallback.linkOrders',
  'order.merge',
  'order.follow',
  'order.leadUpdate',
  'order.leadReplied',
  'order.split',
  'case.linked',
  'case.closed',
]);

export const KIND_LABELS: Record<string, string> = {
  fallback: '办不成事',
  hotline: '12345 工单',
  agency: '343 代办',
  'linkage.notice': '审批信息通报',
  'linkage.finding': '监管结果抄告',
  'linkage.meeting': '部门联席会议',
  'linkage.city': '对上协调联动',
  'linkage.adjustment': '动态调整',
};

export const FALLBACK_CATEGORIES: Record<string, string> = {
  simple: '简单（即办）',
  general: '一般（5 个工作日）',
  complex: '复杂（10 个工作日）',
  cannot: '不能办（3 个工作日内解释政策）',
};
export const FALLBACK_CAUSES: Record<string, string> = { cannotDo: '办不了', hardToDo: '很难办', refused: '不给办' };
export const HOTLINE_CATEGORIES: Record<string, string> = { consult: '咨询', help: '求助/意见建议', complaint: '投诉举报' };
export const FINDING_TYPES: Record<string, string> = { falseCommitment: '虚假承诺', violation: '违法违规', other: '其他' };
export const FINDING_ACTIONS: Record<string, string> = { revoke: '撤销', restrict: '限制准入', remedy: '补办' };
export const ADJUSTMENT_CHANGES: Record<string, string> = { add: '新增', change: '变更', cancel: '取消' };
export const DECISIONS: Record<string, string> = { approved: '准予许可', rejected: '不予许可', denied: '不予许可' };
export const decisionLabel = (d: unknown) => (d ? (DECISIONS[String(d)] ?? String(d)) : '—');

/** The outer state and its 督办 sub-state, e.g. `transferred.overdue` → ['transferred', 'overdue']. */
export function mainState(states: string[]): { main: string; supervision?: string } {
  const top = states.find((s) => !s.includes('.')) ?? states[0] ?? '';
  const sub = states.find((s) => s.startsWith(`${top}.`))?.slice(top.length + 1);
  return { main: top, supervision: sub && SUPERVISION_LABELS[sub] ? sub : undefined };
}

export function stateLabel(kind: string, state: string): string {
  return KIND_STATE_LABELS[kind]?.[state] ?? STATE_LABELS[state] ?? state;
}

/** A transition's state value (string or nested object) as its outer state label. */
export function valueLabel(kind: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return stateLabel(kind, value);
  const [key] = Object.keys(value as object);
  return key ? stateLabel(kind, key) : '—';
}
