// A rule machine's step as a sentence staff read: who did what, with which department, person and
// reason, and how the state moved — "窗口人员 张敏 派单：承办部门 区市场监督管理局，责任人 陈承办；
// 状态由「已受理（待派单）」变为「已派单（待签收）」。" Raw event keys and payloads stay in 详情.
// Browser-safe: no Node imports.
import {
  eventLabel,
  FALLBACK_CATEGORIES,
  FALLBACK_CAUSES,
  FINDING_ACTIONS,
  FINDING_TYPES,
  HOTLINE_CATEGORIES,
  ADJUSTMENT_CHANGES,
  valueLabel,
} from './machines';

export interface HistoryStep {
  event: string;
  actor: string;
  payload?: Record<string, unknown> | null;
  fromState?: unknown;
  toState: unknown;
}

/** How to name the people and departments a step mentions (codes and ids otherwise). */
export interface HistoryNames {
  person?: (id: string) => string | undefined;
  department?: (code: string) => string | undefined;
}

/** Payload fields in words, in the order a sentence lists them; fields not listed stay in 详情. */
const FIELDS: [key: string, label: string][] = [
  ['department', '承办部门'],
  ['holder', '责任人'],
  ['recipient', '报送单位'],
  ['category', '分类'],
  ['cause', '原因'],
  ['action', '措施'],
  ['decision', '决定'],
  ['result', '结果'],
  ['outcome', '结果'],
  ['reason', '理由'],
  ['content', '内容'],
  ['note', '说明'],
  ['policy', '政策解释'],
  ['workingDays', '延长工作日'],
  ['reached', '联系到群众'],
  ['satisfied', '群众满意'],
  ['passed', '核查通过'],
  ['comment', '评价'],
  ['heldAt', '召开时间'],
  ['reference', '文号'],
  ['index', '任务序号'],
  ['fallbackId', '并入办不成事'],
];
const CODED: Record<string, string> = {
  ...FALLBACK_CATEGORIES,
  ...FALLBACK_CAUSES,
  ...HOTLINE_CATEGORIES,
  ...FINDING_ACTIONS,
  ...FINDING_TYPES,
  ...ADJUSTMENT_CHANGES,
};

function valueWords(key: string, value: unknown, names: HistoryNames): string | undefined {
  if (value === undefined || value === null || value === '' || typeof value === 'object') return undefined;
  if (typeof value === 'boolean') return value ? '是' : '否';
  const text = String(value);
  if (key === 'department' || key === 'recipient') return names.department?.(text) ?? text;
  if (key === 'holder') return names.person?.(text) ?? text;
  if (key === 'heldAt' && typeof value === 'number')
    return new Date(value).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  if (key === 'index' && typeof value === 'number') return `第 ${value + 1} 项`;
  return CODED[text] ?? text;
}

/** Who acted: 系统自动 for timers and the engine, else the person's name. */
export function actorWords(actor: string, names: HistoryNames = {}): string {
  if (actor === 'system' || actor === 'engine') return '系统自动';
  return names.person?.(actor) ?? actor;
}

/** The step as one sentence. */
export function historySentence(kind: string, step: HistoryStep, names: HistoryNames = {}): string {
  const who = actorWords(step.actor, names);
  const what = eventLabel(step.event);
  const details = FIELDS.flatMap(([key, label]) => {
    const words = valueWords(key, step.payload?.[key], names);
    return words === undefined ? [] : [`${label} ${words}`];
  });
  const from = step.fromState === undefined || step.fromState === null ? undefined : valueLabel(kind, step.fromState);
  const to = valueLabel(kind, step.toState);
  const moved = from && from !== to ? `状态由「${from}」变为「${to}」` : from ? `状态仍为「${to}」` : `状态为「${to}」`;
  return `${who} ${what}${details.length ? `：${details.join('，')}` : ''}；${moved}。`;
}
