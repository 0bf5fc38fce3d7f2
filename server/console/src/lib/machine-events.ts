// What each machine event asks the user for: the form behind each "next step" button.
// Field names are the event body's fields (server/routes/{fallback,hotline,linkage}.routes.ts).
import { FALLBACK_CATEGORIES, FALLBACK_CAUSES, FINDING_ACTIONS } from './machines';

export type EventField =
  | { name: string; label: string; type: 'text' | 'textarea'; required?: boolean; max?: number; placeholder?: string }
  | { name: string; label: string; type: 'select'; options: Record<string, string>; required?: boolean }
  | { name: string; label: string; type: 'yesno'; yes: string; no: string }
  | { name: string; label: string; type: 'department' }
  | { name: string; label: string; type: 'departments' }
  | { name: string; label: string; type: 'holder'; departmentField: string }
  | { name: string; label: string; type: 'number'; min: number; max: number; required?: boolean }
  | { name: string; label: string; type: 'datetime' }
  | { name: string; label: string; type: 'tasks' }
  | { name: string; label: string; type: 'openTask' }
  /** A 343 agent of one role (专职代办员 …); the signed-in agent is offered first. */
  | { name: string | string[]; label: string; type: 'agent'; role: string; required?: boolean };

export interface EventForm {
  fields: EventField[];
  /** Shown above the form: what the step means. */
  hint?: string;
}

const note = (label = '备注'): EventField => ({ name: 'note', label, type: 'textarea', max: 2000 });

export const EVENT_FORMS: Record<string, EventForm> = {
  'fallback.classify': {
    hint: '按事项难易分类并转办责任部门；时限按工作日计算，到期前提醒、超期催办并升级督办。“不给办”同时告知监督人员。',
    fields: [
      { name: 'cause', label: '原因类型', type: 'select', options: FALLBACK_CAUSES, required: true },
      { name: 'category', label: '事项分类', type: 'select', options: FALLBACK_CATEGORIES, required: true },
      { name: 'department', label: '责任部门', type: 'department' },
      { name: 'holder', label: '责任人', type: 'holder', departmentField: 'department' },
      note('分类说明'),
    ],
  },
  'fallback.conclude': { fields: [{ name: 'result', label: '办理结果', type: 'textarea', required: true, max: 4000 }] },
  'fallback.explain': {
    hint: '“不能办”事项须向群众解释政策依据。',
    fields: [{ name: 'policy', label: '政策解释', type: 'textarea', required: true, max: 4000 }],
  },
  'fallback.feedback': {
    fields: [{ name: 'satisfied', label: '群众是否满意', type: 'yesno', yes: '满意', no: '不满意' }, note('反馈情况')],
  },
  'fallback.verify': {
    hint: '核查未通过将退回重新办理。',
    fields: [{ name: 'passed', label: '核查结论', type: 'yesno', yes: '通过', no: '不通过（重办）' }, note('核查意见')],
  },
  'fallback.file': { hint: '备案后本记录办结，不再接受操作。', fields: [] },

  'order.dispatch': {
    fields: [
      { name: 'department', label: '承办单位', type: 'department' },
      { name: 'holder', label: '承办人', type: 'holder', departmentField: 'department' },
    ],
  },
  'order.sign': { hint: '签收后开始计算办理时限。', fields: [] },
  'order.return': {
    hint: '非本单位职责的，应在派单后 2 个工作日内退单。',
    fields: [{ name: 'reason', label: '退单理由', type: 'textarea', required: true, max: 2000 }],
  },
  'order.reassign': {
    fields: [
      { name: 'department', label: '改派单位', type: 'department' },
      { name: 'holder', label: '承办人', type: 'holder', departmentField: 'department' },
    ],
  },
  'order.extend': {
    hint: '延期累计不超过 10 个工作日。',
    fields: [
      { name: 'workingDays', label: '延期工作日', type: 'number', min: 1, max: 30, required: true },
      { name: 'reason', label: '延期理由', type: 'textarea', required: true, max: 2000 },
    ],
  },
  'order.reply': { fields: [{ name: 'content', label: '答复内容', type: 'textarea', required: true, max: 8000 }] },
  'order.revisit': {
    fields: [{ name: 'reached', label: '是否联系到来电人', type: 'yesno', yes: '已联系', no: '未联系上' }, note('回访记录')],
  },
  'order.rate': {
    hint: '不满意将退回承办单位重办。',
    fields: [
      { name: 'satisfied', label: '来电人评价', type: 'yesno', yes: '满意', no: '不满意（重办）' },
      { name: 'comment', label: '评价内容', type: 'textarea', max: 2000 },
    ],
  },

  'notice.sign': { hint: '认领后纳入本部门监管。', fields: [note('认领意见')] },
  'finding.push': { hint: '推送审批侧（区数据和行政审批局）处置。', fields: [] },
  'finding.act': {
    fields: [
      { name: 'action', label: '处置措施', type: 'select', options: FINDING_ACTIONS, required: true },
      { name: 'note', label: '处置说明', type: 'textarea', required: true, max: 4000 },
    ],
  },
  'meeting.convene': { fields: [{ name: 'heldAt', label: '召开时间', type: 'datetime' }] },
  'meeting.decide': {
    hint: '每项决定落实到责任部门，并设定工作日时限（不填按默认 10 个工作日）。',
    fields: [
      { name: 'decision', label: '会议决定', type: 'textarea', required: true, max: 4000 },
      { name: 'tasks', label: '落实任务', type: 'tasks' },
    ],
  },
  'meeting.taskDone': { fields: [{ name: 'index', label: '已完成的任务', type: 'openTask' }, note('完成情况')] },
  'city.submit': {
    fields: [
      { name: 'recipient', label: '报送单位（市级）', type: 'text', required: true, placeholder: '如：市数据和行政审批局' },
      { name: 'reference', label: '文号', type: 'text', max: 200 },
    ],
  },
  'city.reply': { fields: [{ name: 'content', label: '市级答复内容', type: 'textarea', required: true, max: 8000 }] },
  'city.close': { fields: [{ name: 'outcome', label: '办理结果', type: 'textarea', required: true, max: 2000 }] },
  'adjustment.submit': { fields: [] },
  'adjustment.approve': { fields: [note('审核意见')] },
  'adjustment.return': { fields: [{ name: 'note', label: '退回意见', type: 'textarea', required: true, max: 2000 }] },
  'adjustment.reject': { fields: [{ name: 'reason', label: '不予调整理由', type: 'textarea', required: true, max: 2000 }] },

  'agency.accept': {
    hint: '“343”代办：组建由专职代办员、业务帮办员、企业服务专员组成的代办团队，全程无偿。',
    fields: [
      { name: ['team', 'dedicated'], label: '专职代办员', type: 'agent', role: 'dedicated', required: true },
      { name: ['team', 'business'], label: '业务帮办员', type: 'agent', role: 'business' },
      { name: ['team', 'enterprise'], label: '企业服务专员', type: 'agent', role: 'enterprise' },
    ],
  },
  'agency.decline': { fields: [{ name: 'reason', label: '不予受理理由', type: 'textarea', required: true, max: 2000 }] },
  'agency.signMandate': {
    hint: '申请人签署委托书后开始代办；申请人仍是各办件的申报主体。',
    fields: [{ name: 'signedBy', label: '委托人签字', type: 'text', required: true, max: 200 }],
  },
  'preReview.schedule': {
    hint: '审前导办：邀请相关部门召开联合预审会。',
    fields: [
      { name: 'departments', label: '参会部门', type: 'departments' },
      { name: 'meetingAt', label: '会议时间', type: 'datetime' },
    ],
  },
  'preReview.opinion': {
    fields: [
      { name: 'department', label: '部门', type: 'department' },
      { name: 'opinion', label: '预审意见', type: 'textarea', required: true, max: 4000 },
    ],
  },
  'phase.followUp': { hint: '全部办件办结后转入全周期跟办，直至项目投产运营。', fields: [] },
  'project.inOperation': { fields: [note('投产运营情况')] },
  'agency.complete': { fields: [note('办结说明')] },
  'agency.progress': {
    hint: '进展会通知申请人。',
    fields: [{ name: 'text', label: '代办进展', type: 'textarea', required: true, max: 2000 }],
  },
  'agency.suspend': { fields: [{ name: 'reason', label: '中止原因', type: 'textarea', required: true, max: 2000 }] },
  'agency.resume': { fields: [{ name: 'signedBy', label: '续办委托人签字', type: 'text', required: true, max: 200 }] },
  'agency.terminate': { fields: [{ name: 'reason', label: '终止原因', type: 'textarea', required: true, max: 2000 }] },
  'agency.rate': {
    fields: [
      { name: 'score', label: '评分（1–5）', type: 'number', min: 1, max: 5, required: true },
      { name: 'comment', label: '评价内容', type: 'textarea', max: 2000 },
    ],
  },
};
