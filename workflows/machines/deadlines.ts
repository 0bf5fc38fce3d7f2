/**
 * Every deadline the rule machines use, in working days (工作日, 《中华人民共和国行政许可法》第八十二条), each
 * with the rule it comes from, in Chinese because staff see it (依据) beside the deadline. The rules and their
 * kinds of source are explained in docs/rules.md. They are defaults: an instance copies them into its
 * context when it starts, so a district can override any of them and a running instance keeps the values
 * it started with.
 */
export interface DeadlineParam {
  workingDays: number;
  source: string;
}

const d = (workingDays: number, source: string): DeadlineParam => ({ workingDays, source });

/** 督办 (supervision) cadence shared by every supervised step (docs/rules.md#supervision). */
export const SUPERVISION_DEFAULTS = {
  remindBefore: d(1, '本系统默认值：期限届满前1个工作日提醒'),
  escalateAfter: d(5, '某市12345工作规则（地方做法）：逾期次日催办，逾期超过5个工作日书面通报'),
};

/** 帮办代办 (国发〔2024〕3号; docs/rules.md#agency). No published day counts: engine defaults, to verify. */
export const AGENCY_DEADLINES = {
  ...SUPERVISION_DEFAULTS,
  accept: d(1, '国发〔2024〕3号（增强帮办代办能力）；受理单1个工作日为本系统默认值，待核实'),
  mandate: d(3, '国发〔2024〕3号（增强帮办代办能力）；签订委托书3个工作日为本系统默认值，待核实'),
  preReview: d(5, '重点项目联合预审会（地方做法）；5个工作日为本系统默认值，待核实'),
};

/** "办不成事" window (陕政办发〔2023〕1号, Lianhu's window rules of 2021; docs/rules.md#fallback-window). */
export const FALLBACK_DEADLINES = {
  ...SUPERVISION_DEFAULTS,
  simple: d(0, '莲湖区“办不成事”反映窗口（2021年）：简单事项即收即转即办'),
  general: d(5, '莲湖区“办不成事”反映窗口（2021年）：一般事项5个工作日内整改反馈'),
  complex: d(10, '莲湖区“办不成事”反映窗口（2021年）：复杂事项10个工作日内反馈'),
  cannot: d(3, '湘潭市做法（地方做法）：不能办的3个工作日内说明理由'),
  feedback: d(1, '办结后反馈申请人：1个工作日为本系统默认值，待核实'),
  verify: d(3, '核查（参照天津“受理—分类—转办—办结—反馈—核查—备案”闭环）：3个工作日为本系统默认值，待核实'),
};

/** 12345 work orders (国办发〔2020〕53号; day counts of other provinces, docs/rules.md#hotline). */
export const HOTLINE_DEADLINES = {
  ...SUPERVISION_DEFAULTS,
  dispatch: d(1, '宁夏12345热线规定（外省市参照）：1个工作日内派单'),
  sign: d(1, '天津12345热线实施细则（外省市参照）：一般诉求1个工作日内签收'),
  consult: d(3, '四川省12345热线办法（外省市参照）：咨询类3个工作日'),
  help: d(7, '四川省12345热线办法（外省市参照）：求助、意见建议类7个工作日'),
  complaint: d(15, '四川省12345热线办法（外省市参照）：投诉举报类15个工作日'),
  returnWithin: d(2, '山东省12345热线办法（外省市参照）：非本单位职责的2个工作日内退单并说明理由'),
  maxExtension: d(10, '山东省12345热线办法（外省市参照）：延期不超过10个工作日'),
  revisit: d(1, '某市12345工作规则（地方做法）：办结次日回访'),
};

/** 审管联动 (Lianhu's eight systems, 陕政办函〔2019〕160号; docs/rules.md#linkage). Lianhu's own day counts were not published. */
export const LINKAGE_DEADLINES = {
  ...SUPERVISION_DEFAULTS,
  signFor: d(
    2,
    '襄阳市审管联动做法（地方做法）：办结后2个工作日内推送并由监管部门签收；晋城市审管信息联动管理办法（试行）：作出决定时同步推送',
  ),
  findingPush: d(1, '晋城市审管信息联动管理办法（试行）（外省市参照）：监管部门1个工作日内推送监管结果'),
  findingAction: d(5, '莲湖区审管联动“八项制度”·监管结果抄告；审批侧处置5个工作日为本系统默认值，待核实'),
  meetingSchedule: d(5, '莲湖区审管联动“八项制度”·部门联席会议；5个工作日内召开为本系统默认值，待核实'),
  meetingTask: d(10, '部门联席会议决定事项：会议未定期限的，10个工作日为本系统默认值，待核实'),
  cityReply: d(15, '莲湖区审管联动“八项制度”·对上协调联动；市级答复15个工作日为本系统默认值，待核实'),
  adjustmentReview: d(10, '莲湖区审管联动“八项制度”·动态调整；审核10个工作日为本系统默认值，待核实'),
};

export type DeadlineTable = Record<string, DeadlineParam>;

/** Overrides the working-day counts of a table (config or per instance), keeping the sources. */
export function withOverrides<T extends DeadlineTable>(table: T, overrides: Partial<Record<keyof T, number>> = {}): T {
  const out = { ...table };
  for (const [key, days] of Object.entries(overrides)) {
    if (typeof days === 'number' && key in out)
      (out as DeadlineTable)[key] = { ...out[key], workingDays: days, source: `${out[key].source}；本区调整为${days}个工作日` };
  }
  return out;
}
