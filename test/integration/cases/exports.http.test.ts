import { monthPeriod } from '../../../server/routes/exports.routes';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';
import { rowsOf, workbookAt as xlsxAt } from '../../helpers/xlsx';

let stack: TestStack;
let caseId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const res = await stack.http
    .post('/api/cases')
    .set('Authorization', await stack.auth('zhangsan'))
    .send({ processKey: 'general-approval', variables: { shopName: '导出面馆', applicantName: '周导出' } });
  expect(res.status).toBe(201);
  caseId = res.body.caseId;
  await waitFor(async () => ((await stack.db.prisma.task.count({ where: { caseId } })) ? true : undefined));
});
afterAll(async () => {
  await stack?.stop();
});

const workbookAt = (path: string, user: string) => xlsxAt(stack, path, user);

describe("导出 Excel with the page's filters", () => {
  it('when staff export 办件查询 filtered by a 办件编号, then the workbook holds that case with the applicant by name', async () => {
    const wb = await workbookAt(`/api/exports/cases.xlsx?q=${caseId}`, 'window1');
    const rows = rowsOf(wb.getWorksheet('办件查询')!);
    expect(rows[1]).toEqual(['办件编号', '事项', '申请人', '状态', '申请时间', '办结时间']);
    expect(rows.slice(2).map((r) => [r[0], r[2], r[3]])).toEqual([[caseId, '周导出', '办理中']]);
  });

  it("when a supervisor exports the 月报 of this month, then one row per department and a 合计 row count this month's cases", async () => {
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const wb = await workbookAt(`/api/exports/monthly-report.xlsx?month=${month}`, 'supervisor1');
    const rows = rowsOf(wb.getWorksheet('月报（按部门）')!);
    expect(String(rows[0][0])).toContain(`政务服务监督月报 ${month}`);
    expect(rows[1].slice(0, 3)).toEqual(['部门', '办件数', '已作出决定']);
    const total = rows.find((r) => r[0] === '合计')!;
    expect(total[1]).toBeGreaterThanOrEqual(1);
    expect(wb.getWorksheet('审批层级（按流程）')).toBeDefined();
  });

  it("when a supervisor exports the audit log of one case, then every row is that case's", async () => {
    const wb = await workbookAt(`/api/exports/audit.xlsx?caseId=${caseId}`, 'supervisor1');
    const rows = rowsOf(wb.getWorksheet('审计日志')!).slice(2);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set([caseId]));
  });

  it('when the month is malformed or the user is window staff, then 400 names the field and 403 refuses the 月报', async () => {
    const bad = await stack.http
      .get('/api/exports/monthly-report.xlsx?month=2026-13')
      .set('Authorization', await stack.auth('supervisor1'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('month');
    const denied = await stack.http.get('/api/exports/monthly-report.xlsx?month=2026-11').set('Authorization', await stack.auth('window1'));
    expect(denied.status).toBe(403);
  });

  it('a month is the China-time calendar month, December rolling into January', () => {
    expect(monthPeriod('2026-12')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T15:59:59.999Z' });
  });
});
