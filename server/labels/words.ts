// One label catalogue for what staff read: audit actions, case data fields and values. The API's timeline and
// the console (audit log, case page, exports) all take their words from here, so a key never reaches a screen.
// Browser-safe: no Node imports (the console bundles this file).

/** Audit actions (审计动作) as a person would say them. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'case.started': '提交申请',
  'case.completed': '办结',
  'case.failed': '办理出现异常',
  'case.terminated': '终止办理',
  'case.result.written': '登记办理结果',
  'element.entered': '进入环节',
  'element.left': '完成环节',
  'task.opened': '生成待办',
  'task.claimed': '签收',
  'task.unclaimed': '退回待签收',
  'task.delegated': '委派',
  'task.resolved': '委派归还',
  'task.assigned': '转办',
  'task.updated': '调整优先级或期限',
  'task.commented': '填写办理意见',
  'task.completed': '办理完成',
  'task.cancelled': '待办撤销',
  'material.uploaded': '提交材料',
  'material.reviewed': '材料审查',
  'materials.resolved': '核验材料（免提交、容缺、承诺）',
  'clock.paused': '暂停计时',
  'clock.resumed': '恢复计时',
  'correction.notified': '一次性告知补正',
  'correction.requested': '一次性告知补正',
  'privacy.revealed': '查看完整个人信息',
  'commitment.recorded': '签署告知承诺书',
  'commitment.false': '认定虚假承诺',
  'credit.recorded': '记入信用记录',
  'credit.repaired': '信用修复',
  'deferral.accepted': '容缺受理',
  'deferral.overdue': '容缺补交超期',
  'inspection.routed': '安排踏勘',
  'licence.registered': '登记电子证照',
  'result.delivery': '选择结果送达方式',
  'result.delivered': '结果已送达',
  'verification.planned': '安排核查',
  'verification.overdue': '核查超期督办',
  'rating.created': '评价',
  'rectification.assigned': '差评整改派单',
  'rectification.feedback': '差评整改反馈',
  'rectification.deadline': '差评整改时限',
  'rectification.callback.overdue': '整改回访超期',
  'prereview.submitted': '提交资料预审',
  'prereview.reviewed': '预审意见',
  'prereview.resubmitted': '重新提交预审',
  'prereview.used': '预审资料用于申请',
  'supervision.linkage.triggered': '触发审管联动',
  'incident.raised': '发生故障',
  'incident.retry': '故障重试',
  'incident.resolved': '故障已处理',
  'definition.deployed': '部署流程定义',
  'catalog.imported': '导入事项目录',
  'user.created': '新增用户',
  'user.updated': '修改用户',
  'machine.started': '登记',
  'document.issued': '出具文书',
};

/** Prefixes of rule-machine audit actions (`hotline.order.dispatch` …): the area, then the event's own label. */
const AREA_LABELS: Record<string, string> = {
  hotline: '12345 工单',
  fallback: '办不成事',
  agency: '343 代办',
  linkage: '审管联动',
};

/** Rule-machine events as steps (派单, 签收 …); the console's machine labels add to these. */
export const MACHINE_EVENT_WORDS: Record<string, string> = {
  dispatch: '派单',
  sign: '签收',
  return: '退单',
  reassign: '改派',
  extend: '延期',
  reply: '答复',
  revisit: '回访',
  rate: '评价',
  merge: '并单',
  split: '拆分并单',
  classify: '分类转办',
  conclude: '办结',
  explain: '政策解释',
  feedback: '反馈',
  verify: '核查',
  file: '备案',
  accept: '受理',
  decline: '不予受理',
  started: '登记',
  push: '推送',
  act: '处置',
  convene: '召开会议',
  decide: '作出决定',
};

/** An audit action in words; a rule machine's `area.kind.event` becomes 「12345 工单：派单」. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const parts = action.split('.');
  const area = AREA_LABELS[parts[0]];
  const step = MACHINE_EVENT_WORDS[parts[parts.length - 1]];
  if (area && step) return `${area}：${step}`;
  if (area) return `${area}：操作`;
  return '其他操作';
}

/** Who did it: a person's name, or 系统自动 for the engine. */
export function actorLabel(actor: string, name?: string): string {
  if (name) return name;
  if (actor === 'system' || actor === 'engine') return '系统自动';
  return actor;
}

/** Fields of case data (申请信息) and task outcomes. */
export const FIELD_LABELS: Record<string, string> = {
  shopName: '申请主体',
  applicantName: '申请人',
  idNumber: '身份证号',
  contact: '联系人',
  contactPhone: '联系电话',
  phone: '联系电话',
  address: '地址',
  note: '申请说明',
  accepted: '是否受理',
  decision: '审批决定',
  opinion: '办理意见',
  decidedAt: '决定时间',
  decidedBy: '决定人',
  reason: '理由',
  title: '事项',
  itemCode: '事项编码',
  eventCaseId: '所属一件事',
  result: '办理结果',
  licenceNo: '证照编号',
  deliveryMethod: '送达方式',
  promisedDays: '承诺时限（工作日）',
};

const DECISIONS: Record<string, string> = {
  approved: '准予许可',
  rejected: '不予许可',
  denied: '不予许可',
  accepted: '予以受理',
  refused: '不予受理',
};

/** A field's value in words: 是/否, decisions, dates; objects as 「字段：值」 lists. */
export function fieldValue(value: unknown): string {
  if (value === true) return '是';
  if (value === false) return '否';
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    if (DECISIONS[value]) return DECISIONS[value];
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime())) return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    }
    return value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(fieldValue).join('、');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([k]) => FIELD_LABELS[k])
      .map(([k, v]) => `${FIELD_LABELS[k]}：${fieldValue(v)}`)
      .join('；');
  }
  return String(value);
}

/** Case data fields a reader needs; engine bookkeeping (ids, flags without a label) goes to 详情. */
export function isReadableField(key: string): boolean {
  return key in FIELD_LABELS;
}
