// 导出 Excel sheets of the rule-machine lists and the figure pages: the columns the console pages show, every
// coded value in words from the shared label catalogue (server/labels). Rows arrive already scoped and masked
// by the caller (the list services and privacy/mask); these builders only lay them out.
import { DEPARTMENTS } from '../../activities/domain/machines/directory';
import { ROLE_LABELS } from '../auth/roles';
import { FALLBACK_CATEGORIES, FALLBACK_CAUSES, HOTLINE_CATEGORIES, mainState, stateLabel, SUPERVISION_LABELS } from '../labels/machines';
import type { Column, Sheet } from './workbook';
import type { LinkageService } from '../services/linkage.service';
import type { StatsService } from '../services/stats.service';

/** 导出时间 for titles and file names: today in China time, e.g. 20261128. */
export const stamp = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

/** A China-time calendar date of an instant, e.g. 2026-11-28. */
export const chinaDate = (v: string | Date) => new Date(new Date(v).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The filters a page applied, in words for a title: 「状态：办理中；类别：投诉举报」 (unset filters left out). */
export function filterWords(filters: [label: string, value: string | undefined | null][]): string {
  return filters
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}：${v}`)
    .join('；');
}

/** A title: the list's name, its filters (or 全部) and the row count. */
export const listTitle = (name: string, filters: string, rows: number, unit = '条') =>
  `${name}（${filters || '全部'}；共 ${rows} ${unit}，导出于 ${stamp()}）`;

export const departmentLabel = (code?: string | null) => (code ? (DEPARTMENTS[code]?.name ?? code) : '—');

interface MachineDeadline {
  dueAt?: number;
}

/** The outer state and its 督办 sub-state in words, as the console's state tags show them. */
function stateColumns<R>(
  kind: string,
  of: (r: R) => { states: string[]; deadline?: MachineDeadline | null; merged?: boolean },
): Column<R>[] {
  return [
    {
      header: '状态',
      width: 20,
      value: (r) => {
        const { states, merged } = of(r);
        if (merged) return stateLabel(kind, 'merged');
        return stateLabel(kind, mainState(states).main) || '—';
      },
    },
    {
      header: '督办',
      width: 14,
      value: (r) => {
        const sub = mainState(of(r).states).supervision;
        return sub ? SUPERVISION_LABELS[sub].label : '—';
      },
    },
    {
      header: '办理时限（截止）',
      width: 18,
      format: 'datetime',
      value: (r) => {
        const due = of(r).deadline?.dueAt;
        return typeof due === 'number' ? new Date(due) : null;
      },
    },
    {
      header: '是否超期',
      width: 10,
      value: (r) => {
        const due = of(r).deadline?.dueAt;
        return typeof due === 'number' ? (due < Date.now() ? '已超期' : '未超期') : '无时限';
      },
    },
  ];
}

/** A 12345 work order as GET /api/hotline/orders lists it (masked). */
export interface HotlineRow {
  id: string;
  callerPhone: string;
  callerName: string | null;
  subject: string | null;
  category: string;
  content: string;
  receivedAt: Date | string;
  mergedInto: string | null;
  placeLabel: string | null;
  matterTypeLabel: string | null;
  states: string[];
  department: string | null;
  holder: string | null;
  deadline: unknown;
}

export function hotlineSheet(rows: HotlineRow[], filters: string): Sheet<HotlineRow> {
  return {
    name: '12345工单',
    title: listTitle('12345 工单', filters, rows.length),
    columns: [
      { header: '工单号', width: 16, value: (r) => r.id },
      { header: '诉求内容', width: 48, value: (r) => r.content },
      { header: '来电人', width: 12, value: (r) => r.callerName },
      { header: '来电号码', width: 16, value: (r) => r.callerPhone },
      { header: '诉求对象', width: 20, value: (r) => r.subject },
      { header: '诉求地点', width: 20, value: (r) => r.placeLabel },
      { header: '诉求分类', width: 20, value: (r) => r.matterTypeLabel },
      { header: '类别', width: 14, value: (r) => HOTLINE_CATEGORIES[r.category] ?? r.category },
      { header: '承办单位', width: 22, value: (r) => departmentLabel(r.department) },
      ...stateColumns<HotlineRow>('hotline', (r) => ({
        states: r.states,
        deadline: r.deadline as MachineDeadline | null,
        // 已并单: merged into a 办不成事 record and not following a lead order (as the list's tag shows it).
        merged: !!r.mergedInto && !r.states.includes('following'),
      })),
      { header: '受理时间', width: 18, format: 'datetime', value: (r) => r.receivedAt },
      { header: '并入办不成事', width: 22, value: (r) => r.mergedInto },
    ],
    rows,
  };
}

interface FallbackContext {
  matter?: string;
  applicant?: { name?: string; phone?: string };
  category?: string;
  cause?: string;
  department?: string;
  hotlineOrderIds?: string[];
  deadline?: MachineDeadline;
}

/** A 办不成事 record as GET /api/fallback/records lists it (masked). */
export interface FallbackRow {
  id: string;
  states: string[];
  department: string | null;
  context: unknown;
  createdAt: Date | string;
}

export function fallbackSheet(rows: FallbackRow[], filters: string): Sheet<FallbackRow> {
  const c = (r: FallbackRow) => (r.context ?? {}) as FallbackContext;
  return {
    name: '办不成事',
    title: listTitle('办不成事登记', filters, rows.length),
    columns: [
      { header: '编号', width: 24, value: (r) => r.id },
      { header: '反映问题', width: 48, value: (r) => c(r).matter },
      { header: '反映人', width: 12, value: (r) => c(r).applicant?.name },
      { header: '联系电话', width: 16, value: (r) => c(r).applicant?.phone },
      { header: '原因', width: 10, value: (r) => (c(r).cause ? (FALLBACK_CAUSES[c(r).cause!] ?? c(r).cause) : '待分类') },
      { header: '分类', width: 28, value: (r) => (c(r).category ? (FALLBACK_CATEGORIES[c(r).category!] ?? c(r).category) : '待分类') },
      { header: '责任部门', width: 22, value: (r) => departmentLabel(c(r).department ?? r.department) },
      ...stateColumns<FallbackRow>('fallback', (r) => ({ states: r.states, deadline: c(r).deadline })),
      { header: '登记时间', width: 18, format: 'datetime', value: (r) => r.createdAt },
      { header: '关联 12345 工单', width: 30, value: (r) => (c(r).hotlineOrderIds ?? []).join('、') || null },
    ],
    rows,
  };
}

/** 考核评估 as GET /api/linkage/assessment answers it. */
export type Assessment = Awaited<ReturnType<LinkageService['assessment']>>;
type AssessmentRow = Pick<
  Assessment['rows'][number],
  'rule' | 'departmentName' | 'due' | 'onTime' | 'late' | 'overdueOpen' | 'pending' | 'onTimeRate'
>;

export function assessmentSheet(report: Assessment, title: string): Sheet<AssessmentRow> {
  const sum = (k: 'due' | 'onTime' | 'late' | 'overdueOpen' | 'pending') => report.rows.reduce((s, r) => s + r[k], 0);
  return {
    name: '考核评估',
    title,
    columns: [
      { header: '制度', width: 16, value: (r) => r.rule },
      { header: '部门', width: 24, value: (r) => r.departmentName },
      { header: report.basis === 'done' ? '完成环节' : '到期环节', value: (r) => r.due, format: 'number' },
      { header: '按时', value: (r) => r.onTime, format: 'number' },
      { header: '超时完成', value: (r) => r.late, format: 'number' },
      { header: '超时未完成', width: 12, value: (r) => r.overdueOpen, format: 'number' },
      { header: '未到期', value: (r) => r.pending, format: 'number' },
      { header: '按时率', value: (r) => r.onTimeRate, format: 'percent' },
    ],
    rows: [
      ...report.rows,
      {
        rule: '合计',
        departmentName: '',
        due: sum('due'),
        onTime: sum('onTime'),
        late: sum('late'),
        overdueOpen: sum('overdueOpen'),
        pending: sum('pending'),
        onTimeRate: report.overall.onTimeRate,
      },
    ],
  };
}

/** 服务质量指标 as GET /api/stats/overview answers it (监督总览 and the 月报). */
export type QualityReport = Awaited<ReturnType<StatsService['overview']>>;
type QualityFigures = QualityReport['overall'];

/** The quality figures by department with a 合计 row, and the approval levels by process. */
export function qualitySheets(
  report: QualityReport,
  name: string,
  title: string,
): [Sheet<{ department: string } & QualityFigures>, Sheet<[string, number]>] {
  type Row = { department: string } & QualityFigures;
  const figures: Column<Row>[] = [
    { header: '办件数', value: (r) => r.cases, format: 'number' },
    { header: '已作出决定', value: (r) => r.decided, format: 'number' },
    { header: `${report.target.withinMinutes} 分钟内决定占比`, width: 18, value: (r) => r.withinOneHourShare, format: 'percent' },
    { header: '平均审批层级', value: (r) => r.averageApprovalLevels, format: 'number' },
    { header: '材料减免率', value: (r) => r.materialReduction, format: 'percent' },
    { header: '评价数', value: (r) => r.ratings, format: 'number' },
    { header: '好评率', value: (r) => r.goodRate, format: 'percent' },
    { header: '主动评价好评率', width: 16, value: (r) => r.proactiveGoodRate, format: 'percent' },
    { header: '未评价率', value: (r) => r.unratedRate, format: 'percent' },
    { header: '差评数', value: (r) => r.badRatings, format: 'number' },
    { header: '差评整改率', value: (r) => r.badRectifiedRate, format: 'percent' },
  ];
  return [
    {
      name,
      title,
      columns: [{ header: '部门', width: 30, value: (r) => r.department }, ...figures],
      rows: [...report.byDepartment, { department: '合计', ...report.overall }],
    },
    {
      name: '审批层级（按流程）',
      columns: [
        { header: '流程', width: 30, value: (r) => r[0] },
        { header: '平均审批层级', value: (r) => r[1], format: 'number' },
      ],
      rows: Object.entries(report.overall.levelsByProcess),
    },
  ];
}

/** A task as GET /api/tasks lists it. */
export interface TaskExportRow {
  name: string;
  caseId: string;
  assignee: string | null;
  owner?: string | null;
  candidateGroups: string[];
  priority: number;
  dueAt: Date | string | null;
  createdAt: Date | string;
  case?: { title?: string; applicantId?: string; applicantName?: string } | null;
}

const groupLabel = (g: string) => (ROLE_LABELS as Record<string, string>)[g] ?? g;

export function tasksSheet(rows: TaskExportRow[], name: string, title: string): Sheet<TaskExportRow> {
  return {
    name,
    title,
    columns: [
      { header: '任务', width: 22, value: (r) => r.name },
      { header: '办件编号', width: 22, value: (r) => r.caseId },
      { header: '事项', width: 30, value: (r) => r.case?.title },
      { header: '申请人', width: 14, value: (r) => r.case?.applicantName ?? r.case?.applicantId },
      {
        header: '签收情况',
        width: 22,
        value: (r) => (r.assignee ? `已签收：${r.assignee}` : `待签收：${r.candidateGroups.map(groupLabel).join('、') || '待分派'}`),
      },
      { header: '委派人', width: 12, value: (r) => r.owner ?? null },
      { header: '优先级', value: (r) => r.priority, format: 'number' },
      { header: '到达时间', width: 18, format: 'datetime', value: (r) => r.createdAt },
      { header: '办理时限', width: 18, format: 'datetime', value: (r) => r.dueAt },
      {
        header: '是否逾期',
        width: 10,
        value: (r) => (r.dueAt ? (new Date(r.dueAt).getTime() < Date.now() ? '已逾期' : '未逾期') : '未设时限'),
      },
    ],
    rows,
  };
}
