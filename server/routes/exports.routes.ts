// 导出 Excel: the lists and figure pages as workbooks, with the page's filters applied. Each export reads
// through the page's own list service (same filters, role and department scope) and masks phone and ID
// numbers as the list API does for the same user (privacy/mask).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { STAFF_ROLES, type Role } from '../auth/roles';
import { auditActionLabel, fieldValue } from '../labels/words';
import { HOTLINE_CATEGORIES } from '../labels/machines';
import { allPages, sendWorkbook, workbook, type Sheet } from '../exports/workbook';
import {
  assessmentSheet,
  chinaDate,
  fallbackSheet,
  filterWords,
  hotlineSheet,
  qualitySheets,
  stamp,
  tasksSheet,
  type HotlineRow,
} from '../exports/sheets';
import { query } from '../middleware/validate';
import { maskIdNumber, maskPersonal, maskPhone, masksFor } from '../privacy/mask';
import type { AuditService } from '../services/audit.service';
import type { CasesService } from '../services/cases.service';
import type { FallbackService } from '../services/fallback.service';
import type { HotlineService } from '../services/hotline.service';
import type { LinkageService } from '../services/linkage.service';
import type { StatsService } from '../services/stats.service';
import type { TasksService } from '../services/tasks.service';
import { AuditQuery } from './audit.routes';
import { ListCasesQuery } from './cases.routes';
import { ListFallbackQuery } from './fallback.routes';
import { ListHotlineQuery } from './hotline.routes';
import { AssessmentQuery, assessmentRange } from './linkage.routes';
import { OverviewQuery } from './stats.routes';
import { ListTasksQuery } from './tasks.routes';

/** Who reads the 12345 and 办不成事 lists (as /api/hotline and /api/fallback allow). */
export const DESK_ROLES: Role[] = ['window', 'approver', 'supervisor', 'admin'];

const STATUS: Record<string, string> = { running: '办理中', completed: '已办结', failed: '异常', terminated: '已终止' };

/** 月报: a calendar month in China time, e.g. 2026-11. */
export const MonthlyReportQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM (month as YYYY-MM)'),
  department: z.string().max(100).optional(),
});

export function monthPeriod(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const from = new Date(`${month}-01T00:00:00+08:00`);
  const next = new Date(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+08:00`);
  return { from: from.toISOString(), to: new Date(next.getTime() - 1).toISOString() };
}

/** Rows as the list API shows them to this user: phone and ID numbers masked for staff. */
const asShown = <T>(req: Request, rows: T): T => (masksFor(actorOf(req)) ? maskPersonal(rows) : rows);

/** A search keyword for a title: a phone or ID number masked as the lists show it to this user. */
function keywordShown(req: Request, q: string | undefined): string | undefined {
  if (!q || !masksFor(actorOf(req))) return q;
  if (/^1\d{10}$/.test(q)) return maskPhone(q);
  if (/^(\d{17}[\dXx]|\d{15})$/.test(q)) return maskIdNumber(q);
  return q;
}

/** 监督总览's period in words: 2026-11-01 至 2026-11-30, or 全部期间. */
const periodWords = (from?: string, to?: string) =>
  from || to ? `${from ? chinaDate(from) : '不限'} 至 ${to ? chinaDate(to) : '不限'}` : '全部期间';

export function exportsRoutes(deps: {
  cases: CasesService;
  tasks: TasksService;
  stats: StatsService;
  audit: AuditService;
  hotline: HotlineService;
  fallback: FallbackService;
  linkage: LinkageService;
}): Router {
  const router = Router();

  router.get('/cases.xlsx', requireRole(...STAFF_ROLES), async (req, res) => {
    const filter = query(req, ListCasesQuery);
    const rows = asShown(req, await allPages((p) => deps.cases.list(actorOf(req), { ...filter, ...p })));
    const sheet: Sheet<(typeof rows)[number]> = {
      name: '办件查询',
      title: `办件查询结果（${filter.q ? `关键词「${keywordShown(req, filter.q)}」，` : ''}共 ${rows.length} 件，导出于 ${stamp()}）`,
      columns: [
        { header: '办件编号', width: 22, value: (r) => r.id },
        { header: '事项', width: 30, value: (r) => r.title },
        { header: '申请人', width: 14, value: (r) => r.applicantName },
        { header: '状态', width: 10, value: (r) => STATUS[r.status] ?? r.status },
        { header: '申请时间', width: 18, format: 'datetime', value: (r) => r.startedAt },
        { header: '办结时间', width: 18, format: 'datetime', value: (r) => r.endedAt },
      ],
      rows,
    };
    sendWorkbook(res, `办件查询-${stamp()}.xlsx`, await workbook([sheet]));
  });

  router.get('/monthly-report.xlsx', requireRole('supervisor', 'admin'), async (req, res) => {
    const q = query(req, MonthlyReportQuery);
    const report = await deps.stats.overview({ ...monthPeriod(q.month), department: q.department });
    const title = `政务服务监督月报 ${q.month}${q.department ? `（${q.department}）` : ''}：按申请时间统计，导出于 ${stamp()}`;
    sendWorkbook(res, `监督月报-${q.month}.xlsx`, await workbook(qualitySheets(report, '月报（按部门）', title)));
  });

  router.get('/audit.xlsx', requireRole('supervisor', 'admin'), async (req, res) => {
    const filter = query(req, AuditQuery);
    const rows = asShown(req, await allPages((p) => deps.audit.search({ ...filter, ...p })));
    const sheet: Sheet<(typeof rows)[number]> = {
      name: '审计日志',
      title: `审计日志（共 ${rows.length} 条，导出于 ${stamp()}）`,
      columns: [
        { header: '时间', width: 18, format: 'datetime', value: (r) => r.at },
        { header: '操作人', width: 14, value: (r) => r.actor },
        { header: '动作', width: 24, value: (r) => auditActionLabel(r.action) },
        { header: '办件编号', width: 22, value: (r) => r.caseId },
        { header: '内容', width: 40, value: (r) => fieldValue(r.after ?? r.details ?? r.before) },
        {
          header: '原始记录',
          width: 60,
          value: (r) => JSON.stringify({ action: r.action, taskId: r.taskId, before: r.before, after: r.after, details: r.details }),
        },
      ],
      rows,
    };
    sendWorkbook(res, `审计日志-${stamp()}.xlsx`, await workbook([sheet]));
  });

  // 12345 工单: GET /api/hotline/orders's filters, a department officer's own department's orders only.
  router.get('/hotline-orders.xlsx', requireRole(...DESK_ROLES), async (req, res) => {
    const filter = query(req, ListHotlineQuery);
    const rows: HotlineRow[] = asShown(req, await allPages((p) => deps.hotline.list({ ...filter, ...p }, actorOf(req))));
    const filters = filterWords([
      ['状态', filter.status && { active: '办理中', done: '已结束' }[filter.status]],
      ['类别', filter.category && HOTLINE_CATEGORIES[filter.category]],
      ['来电号码', filter.callerPhone && (masksFor(actorOf(req)) ? maskPhone(filter.callerPhone) : filter.callerPhone)],
      ['并单', filter.merged === undefined ? undefined : filter.merged ? '已并单' : '未并单'],
    ]);
    sendWorkbook(res, `12345工单-${stamp()}.xlsx`, await workbook([hotlineSheet(rows, filters)]));
  });

  // 办不成事: GET /api/fallback/records's filters, a department officer's transferred records only.
  router.get('/fallback-records.xlsx', requireRole(...DESK_ROLES), async (req, res) => {
    const filter = query(req, ListFallbackQuery);
    const rows = asShown(req, await allPages((p) => deps.fallback.list({ ...filter, ...p }, actorOf(req))));
    const filters = filterWords([['状态', filter.status && { active: '办理中', done: '已备案' }[filter.status]]]);
    sendWorkbook(res, `办不成事-${stamp()}.xlsx`, await workbook([fallbackSheet(rows, filters)]));
  });

  // 考核评估: GET /api/linkage/assessment for the same period, basis and rules.
  router.get('/assessment.xlsx', requireRole('supervisor', 'admin'), async (req, res) => {
    const q = query(req, AssessmentQuery);
    const report = await deps.linkage.assessment(assessmentRange(q));
    const period = `${chinaDate(report.from)} 至 ${chinaDate(report.to)}`;
    const title =
      `考核评估：各部门各项制度按时率 ${period}（${report.basisLabel}；${q.all ? '含办不成事、12345、帮办代办' : '审管联动五项制度'}；` +
      `按时率 = 按时完成 ÷（按时完成 + 超时完成 + 超时未完成），未到期不计；导出于 ${stamp()}）`;
    sendWorkbook(res, `考核评估-${chinaDate(report.from)}至${chinaDate(report.to)}.xlsx`, await workbook([assessmentSheet(report, title)]));
  });

  // 监督总览: the page's live figures (办件与待办) and the 服务质量指标 of the chosen period.
  router.get('/overview.xlsx', requireRole('supervisor', 'admin'), async (req, res) => {
    const q = query(req, OverviewQuery);
    const actor = actorOf(req);
    const statuses = ['running', 'completed', 'failed'] as const;
    const counts = await Promise.all(
      statuses.map((status) => deps.cases.list(actor, { ...ListCasesQuery.parse({ status }), limit: 1 }).then((r) => r.total)),
    );
    const [open, overdue] = await Promise.all([
      deps.tasks.list(actor, { ...ListTasksQuery.parse({}), limit: 1 }),
      allPages((p) => deps.tasks.list(actor, { ...ListTasksQuery.parse({ overdue: '1', sort: 'dueAt' }), ...p })),
    ]);
    const [running, completed, failed] = counts;
    const total = running + completed + failed;
    const live = { total, running, completed, failed, openTasks: open.total, overdueTasks: overdue.length };
    const now = `导出于 ${stamp()}，导出时的实时数据`;
    const summary: Sheet<typeof live> = {
      name: '办件与待办',
      title: `监督总览：办件与待办（${now}）`,
      columns: [
        { header: '办件总数', value: (r) => r.total, format: 'number' },
        { header: '办理中', value: (r) => r.running, format: 'number' },
        { header: '已办结', value: (r) => r.completed, format: 'number' },
        { header: '异常', value: (r) => r.failed, format: 'number' },
        { header: '办结率', value: (r) => (r.total ? r.completed / r.total : null), format: 'percent' },
        { header: '待办总数', value: (r) => r.openTasks, format: 'number' },
        { header: '逾期待办', value: (r) => r.overdueTasks, format: 'number' },
      ],
      rows: [live],
    };
    const report = await deps.stats.overview(q);
    const period = periodWords(q.from, q.to);
    const quality = qualitySheets(
      report,
      '服务质量指标（按部门）',
      `监督总览：服务质量指标 ${period}${q.department ? `（${q.department}）` : ''}：按申请时间统计，导出于 ${stamp()}`,
    );
    const late = tasksSheet(asShown(req, overdue), '逾期工作', `监督总览：逾期工作（共 ${overdue.length} 项，${now}）`);
    sendWorkbook(res, `监督总览-${period.replaceAll(' ', '')}.xlsx`, await workbook([summary, ...quality, late]));
  });

  // 待办任务: GET /api/tasks's filters (the inbox tab and search), in the user's own scope.
  router.get('/tasks.xlsx', requireRole(...STAFF_ROLES), async (req, res) => {
    const filter = query(req, ListTasksQuery);
    const rows = asShown(req, await allPages((p) => deps.tasks.list(actorOf(req), { ...filter, ...p })));
    const filters = filterWords([
      ['范围', filter.mine ? '我的待办（含本组）' : undefined],
      [
        '签收',
        filter.unassigned ? '待签收' : filter.assignee ? (filter.assignee === 'me' ? '我已签收' : `已签收：${filter.assignee}`) : undefined,
      ],
      ['时限', filter.overdue ? '已逾期' : filter.dueSoon ? '即将到期' : undefined],
      ['状态', filter.status === 'completed' ? '已办' : '待办'],
      ['关键词', keywordShown(req, filter.q)],
    ]);
    const title = `待办任务（${filters}；共 ${rows.length} 项，导出于 ${stamp()}）`;
    sendWorkbook(res, `待办任务-${stamp()}.xlsx`, await workbook([tasksSheet(rows, '待办任务', title)]));
  });

  return router;
}
