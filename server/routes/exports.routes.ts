// 导出 Excel: the lists and figure pages as workbooks, with the page's filters applied.
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import { auditActionLabel, fieldValue } from '../labels/words';
import { EXPORT_MAX_ROWS, sendWorkbook, workbook, type Sheet } from '../exports/workbook';
import { query } from '../middleware/validate';
import type { AuditService } from '../services/audit.service';
import type { CasesService } from '../services/cases.service';
import type { StatsService } from '../services/stats.service';
import { AuditQuery } from './audit.routes';
import { ListCasesQuery } from './cases.routes';

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

const stamp = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

export function exportsRoutes(deps: { cases: CasesService; stats: StatsService; audit: AuditService }): Router {
  const router = Router();

  router.get('/cases.xlsx', requireRole(...STAFF_ROLES), async (req, res) => {
    const filter = query(req, ListCasesQuery);
    const rows: Awaited<ReturnType<CasesService['list']>>['items'] = [];
    for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += 200) {
      const page = await deps.cases.list(actorOf(req), { ...filter, limit: 200, offset });
      rows.push(...page.items);
      if (rows.length >= page.total || page.items.length === 0) break;
    }
    const sheet: Sheet<(typeof rows)[number]> = {
      name: '办件查询',
      title: `办件查询结果（${filter.q ? `关键词「${filter.q}」，` : ''}共 ${rows.length} 件，导出于 ${stamp()}）`,
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
    type Row = { department: string } & (typeof report)['overall'];
    const figures: Sheet<Row>['columns'] = [
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
    const byDepartment: Sheet<Row> = {
      name: '月报（按部门）',
      title: `政务服务监督月报 ${q.month}${q.department ? `（${q.department}）` : ''}：按申请时间统计，导出于 ${stamp()}`,
      columns: [{ header: '部门', width: 30, value: (r) => r.department }, ...figures],
      rows: [...report.byDepartment, { department: '合计', ...report.overall }],
    };
    const levels: Sheet<[string, number]> = {
      name: '审批层级（按流程）',
      columns: [
        { header: '流程', width: 30, value: (r) => r[0] },
        { header: '平均审批层级', value: (r) => r[1], format: 'number' },
      ],
      rows: Object.entries(report.overall.levelsByProcess),
    };
    sendWorkbook(res, `监督月报-${q.month}.xlsx`, await workbook([byDepartment, levels]));
  });

  router.get('/audit.xlsx', requireRole('supervisor', 'admin'), async (req, res) => {
    const filter = query(req, AuditQuery);
    const rows: Awaited<ReturnType<AuditService['search']>>['items'] = [];
    for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += 200) {
      const page = await deps.audit.search({ ...filter, limit: 200, offset });
      rows.push(...page.items);
      if (rows.length >= page.total || page.items.length === 0) break;
    }
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

  return router;
}
