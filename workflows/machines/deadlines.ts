/**
 * Every deadline the rule machines use, in working days (工作日, 行政许可法 art. 82), each with the rule it
 * comes from (RULES.md). They are defaults: an instance copies them into its context when it starts, so a
 * district can override any of them and a running instance keeps the values it started with.
 */
export interface DeadlineParam {
  workingDays: number;
  source: string;
}

const d = (workingDays: number, source: string): DeadlineParam => ({ workingDays, source });

/** 督办 (supervision) cadence shared by every supervised step. */
export const SUPERVISION_DEFAULTS = {
  remindBefore: d(1, 'RULES.md §11.5 督办: reminder before expiry (1 WD before, engine default)'),
  escalateAfter: d(5, 'RULES.md §5.2/§11.5: 催办 the day after expiry; still >5 WD overdue → 通报 (city bureau 12345 rule [地方例])'),
};

/** 帮办代办 (RULES.md §7, §11.7). No published day counts: engine defaults, marked [待核]. */
export const AGENCY_DEADLINES = {
  ...SUPERVISION_DEFAULTS,
  accept: d(1, 'RULES.md §11.7 受理单: engine default 1 WD [待核]'),
  mandate: d(3, 'RULES.md §11.7 委托书: engine default 3 WD [待核]'),
  preReview: d(5, 'RULES.md §7 联合预审会 (Liangzihu 2024): engine default 5 WD [待核]'),
};

/** "办不成事" window (RULES.md §6, §11.6). */
export const FALLBACK_DEADLINES = {
  ...SUPERVISION_DEFAULTS,
  simple: d(0, 'RULES.md §6 Lianhu: 简单事项 即收即转即办'),
  general: d(5, 'RULES.md §6 Lianhu: 一般事项 5 WD 整改反馈'),
  complex: d(10, 'RULES.md §6 Lianhu: 复杂事项 10 WD 反馈'),
  cannot: d(3, 'RULES.md §6 Xiangtan: 不能办 → reply with reasons in 3 WD'),
  feedback: d(1, 'RULES.md §11.6 反馈 after 办结: engine default 1 WD [待核]'),
  verify: d(3, 'RULES.md §11.6 核查 (Tianjin closed loop): engine default 3 WD [待核]'),
};

/** 12345 work orders (RULES.md §5.2, §11.5). */
export const HOTLINE_DEADLINES = {
  ...SUPERVISION_DEFAULTS,
  dispatch: d(1, 'RULES.md §5.2 Ningxia: 派单 within 1 WD'),
  sign: d(1, 'RULES.md §5.2 Tianjin: general 接单 1 WD'),
  consult: d(3, 'RULES.md §5.2 Sichuan: 咨询 3 WD'),
  help: d(7, 'RULES.md §5.2 Sichuan: 求助/意见建议 7 WD'),
  complaint: d(15, 'RULES.md §5.2 Sichuan: 投诉举报 15 WD'),
  returnWithin: d(2, 'RULES.md §5.2 Shandong: not the unit’s duty → return within 2 WD'),
  maxExtension: d(10, 'RULES.md §5.2 Shandong: extension ≤10 WD'),
  revisit: d(1, 'RULES.md §5.2 city bureau rule: 回访 the day after 办结'),
};

/** 审管联动 (RULES.md §8, §11.8). Lianhu's own day counts were not published [待核]. */
export const LINKAGE_DEADLINES = {
  ...SUPERVISION_DEFAULTS,
  signFor: d(2, 'RULES.md §8 Xiangyang: push within 2 WD of 办结 and require 签收 (Jincheng: pushed at decision time)'),
  findingPush: d(1, 'RULES.md §8 Jincheng: regulator pushes results within 1 WD'),
  findingAction: d(5, 'RULES.md §11.8 审批侧处置: engine default 5 WD [待核]'),
  meetingSchedule: d(5, 'RULES.md §8 Wuhan/Shangqiu 联席会议: engine default 5 WD to convene [待核]'),
  meetingTask: d(10, 'RULES.md §8 联席会议 decision tasks: engine default 10 WD when the meeting sets none [待核]'),
  cityReply: d(15, 'RULES.md §8 对上协调联动: engine default 15 WD for the city reply [待核]'),
  adjustmentReview: d(10, 'RULES.md §8 动态调整: engine default 10 WD review [待核]'),
};

export type DeadlineTable = Record<string, DeadlineParam>;

/** Overrides the working-day counts of a table (config or per instance), keeping the sources. */
export function withOverrides<T extends DeadlineTable>(table: T, overrides: Partial<Record<keyof T, number>> = {}): T {
  const out = { ...table };
  for (const [key, days] of Object.entries(overrides)) {
    if (typeof days === 'number' && key in out) (out as DeadlineTable)[key] = { ...out[key], workingDays: days, source: `${out[key].source}; overridden to ${days} WD` };
  }
  return out;
}
