import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';
import { allText, rowsOf, workbookAt as xlsxAt } from '../../helpers/xlsx';

let stack: TestStack;
let caseId: string;
let fallbackId: string;

const post = async (path: string, body: object, user = 'window1') =>
  stack.http
    .post(path)
    .set('Authorization', await stack.auth(user))
    .send(body);
const status = async (path: string, user: string) => (await stack.http.get(path).set('Authorization', await stack.auth(user))).status;
const workbookAt = (path: string, user: string) => xlsxAt(stack, path, user);
/** The rows under the title and header lines, as objects keyed by the Chinese column headers. */
const table = (rows: unknown[][]) => rows.slice(2).map((r) => Object.fromEntries((rows[1] as string[]).map((h, i) => [h, r[i]])));

beforeAll(async () => {
  process.env.HAOBAN_MS_PER_WORKING_DAY = '60000'; // a working day of one minute: no deadline passes during these tests
  stack = await startTestStack();
  // 12345: a complaint dispatched to 区住房和城乡建设局, and a consultation still waiting for 派单.
  const complaint = await post('/api/hotline/orders', {
    orderId: 'XE-001',
    callerPhone: '13700001111',
    callerName: '刘先生',
    subject: '含光路小区',
    category: 'complaint',
    content: '含光路小区楼道里的消防栓漏水一周了，物业一直不修',
  });
  expect(complaint.status).toBe(201);
  expect((await post('/api/hotline/orders/XE-001/events', { type: 'order.dispatch', department: 'zjj', holder: 'clerk-zj' })).status).toBe(
    200,
  );
  const consult = await post('/api/hotline/orders', {
    orderId: 'XE-002',
    callerPhone: '13900002222',
    callerName: '何女士',
    subject: '区图书馆',
    category: 'consult',
    content: '想咨询一下区图书馆周末几点开门，能不能办借书证',
  });
  expect(consult.status).toBe(201);
  // 办不成事: one record registered at the window.
  const record = await post('/api/fallback/records', {
    matter: '个体户营业执照地址变更，跑了两次都说材料不全',
    applicant: { name: '马女士', phone: '13512345678' },
  });
  expect(record.status).toBe(201);
  fallbackId = record.body.instanceId;
  // A case with an open task, for the 监督总览 figures and the inbox.
  const started = await post(
    '/api/cases',
    { processKey: 'general-approval', variables: { shopName: '导出小吃店', applicantName: '孙导出', contactPhone: '13812340000' } },
    'zhangsan',
  );
  expect(started.status).toBe(201);
  caseId = started.body.caseId;
  await waitFor(async () => {
    const [dispatched, registered, tasks] = await Promise.all([
      stack.db.prisma.machineInstance.findUnique({ where: { id: 'XE-001' } }),
      stack.db.prisma.machineInstance.findUnique({ where: { id: fallbackId } }),
      stack.db.prisma.task.count({ where: { caseId } }),
    ]);
    return dispatched?.department === 'zjj' && registered && tasks ? true : undefined;
  });
});
afterAll(async () => {
  delete process.env.HAOBAN_MS_PER_WORKING_DAY;
  await stack?.stop();
});

describe("导出 Excel of the 12345, 办不成事, 考核评估, 监督总览 and inbox pages, with the page's filters", () => {
  it('when a window clerk exports the 12345 complaints, then only complaints are listed, in words, with the caller number masked', async () => {
    const wb = await workbookAt('/api/exports/hotline-orders.xlsx?category=complaint', 'window1');
    expect(wb.fileName).toMatch(/^12345工单-\d{8}\.xlsx$/);
    const rows = rowsOf(wb.getWorksheet('12345工单')!);
    expect(String(rows[0][0])).toContain('类别：投诉举报');
    expect(rows[1]).toEqual([
      '工单号',
      '诉求内容',
      '来电人',
      '来电号码',
      '诉求对象',
      '诉求地点',
      '诉求分类',
      '类别',
      '承办单位',
      '状态',
      '督办',
      '办理时限（截止）',
      '是否超期',
      '受理时间',
      '并入办不成事',
    ]);
    const [order, ...others] = table(rows);
    expect(others).toEqual([]);
    expect(order).toMatchObject({
      工单号: 'XE-001',
      来电人: '刘先生',
      来电号码: '137****1111',
      类别: '投诉举报',
      承办单位: '区住房和城乡建设局',
      状态: '已派单（待签收）',
      是否超期: '未超期',
    });
    // Dates are written as China time, as the console shows them.
    const receivedAt = (await stack.db.prisma.hotlineOrder.findUniqueOrThrow({ where: { id: 'XE-001' } })).receivedAt;
    expect((order['受理时间'] as Date).getTime()).toBe(receivedAt.getTime() + 8 * 3_600_000);
    expect(allText(wb)).not.toContain('13700001111');
  });

  it('when the export is filtered by a full caller number, then the title shows it masked too', async () => {
    const wb = await workbookAt('/api/exports/hotline-orders.xlsx?callerPhone=13900002222', 'window1');
    const rows = rowsOf(wb.getWorksheet('12345工单')!);
    expect(String(rows[0][0])).toContain('来电号码：139****2222');
    expect(table(rows).map((r) => [r['工单号'], r['类别'], r['状态'], r['承办单位']])).toEqual([
      ['XE-002', '咨询', '已受理（待派单）', '—'],
    ]);
    expect(allText(wb)).not.toContain('13900002222');
  });

  it("when a department officer exports the 12345 orders, then only the orders dispatched to the officer's department are in it", async () => {
    const wb = await workbookAt('/api/exports/hotline-orders.xlsx', 'zjj1');
    expect(table(rowsOf(wb.getWorksheet('12345工单')!)).map((r) => r['工单号'])).toEqual(['XE-001']);
  });

  it('when a window clerk exports the 办不成事 records in progress, then the record is there in words with the phone masked; 已备案 has none', async () => {
    const wb = await workbookAt('/api/exports/fallback-records.xlsx?status=active', 'window1');
    const rows = rowsOf(wb.getWorksheet('办不成事')!);
    expect(String(rows[0][0])).toContain('状态：办理中');
    expect(rows[1]).toEqual(
      expect.arrayContaining(['编号', '反映问题', '反映人', '联系电话', '原因', '分类', '责任部门', '状态', '登记时间']),
    );
    expect(table(rows)).toEqual([
      expect.objectContaining({
        编号: fallbackId,
        反映人: '马女士',
        联系电话: '135****5678',
        原因: '待分类',
        分类: '待分类',
        状态: '已登记（待分类）',
      }),
    ]);
    expect(allText(wb)).not.toContain('13512345678');
    const filed = await workbookAt('/api/exports/fallback-records.xlsx?status=done', 'window1');
    expect(table(rowsOf(filed.getWorksheet('办不成事')!))).toEqual([]);
  });

  it('when a supervisor exports the 考核评估 with and without the 12345 steps, then the rows follow the chosen rules, with a 合计 row', async () => {
    const period = 'from=2000-01-01&to=2100-01-01';
    const all = await workbookAt(`/api/exports/assessment.xlsx?${period}&all=1`, 'supervisor1');
    expect(all.fileName).toBe('考核评估-2000-01-01至2100-01-01.xlsx');
    const rows = rowsOf(all.getWorksheet('考核评估')!);
    expect(String(rows[0][0])).toContain('按到期日统计');
    expect(String(rows[0][0])).toContain('含办不成事、12345、帮办代办');
    expect(rows[1]).toEqual(['制度', '部门', '到期环节', '按时', '超时完成', '超时未完成', '未到期', '按时率']);
    const body = table(rows);
    expect(body).toContainEqual(expect.objectContaining({ 制度: '12345工单', 部门: '区住房和城乡建设局', 到期环节: 1 }));
    expect(body[body.length - 1]).toMatchObject({ 制度: '合计' });
    const byDone = rowsOf((await workbookAt(`/api/exports/assessment.xlsx?${period}&basis=done`, 'supervisor1')).getWorksheet('考核评估')!);
    expect(String(byDone[0][0])).toContain('按完成日统计');
    expect(String(byDone[0][0])).toContain('审管联动五项制度');
    expect(byDone[1][2]).toBe('完成环节');
    expect(table(byDone).map((r) => r['制度'])).not.toContain('12345工单');
  });

  it('when a supervisor exports the 监督总览 for a period, then the live figures, the period’s quality figures and the overdue work are in it', async () => {
    const from = encodeURIComponent('2000-01-01T00:00:00.000Z');
    const to = encodeURIComponent('2100-01-01T00:00:00.000Z');
    const wb = await workbookAt(`/api/exports/overview.xlsx?from=${from}&to=${to}`, 'supervisor1');
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['办件与待办', '服务质量指标（按部门）', '审批层级（按流程）', '逾期工作']);
    const [live] = table(rowsOf(wb.getWorksheet('办件与待办')!));
    expect(live['办件总数']).toBeGreaterThanOrEqual(1);
    expect(live['办理中']).toBeGreaterThanOrEqual(1);
    expect(live['待办总数']).toBeGreaterThanOrEqual(1);
    const quality = rowsOf(wb.getWorksheet('服务质量指标（按部门）')!);
    expect(String(quality[0][0])).toContain('服务质量指标 2000-01-01 至 2100-01-01');
    expect(table(quality).find((r) => r['部门'] === '合计')!['办件数']).toBeGreaterThanOrEqual(1);
    expect(rowsOf(wb.getWorksheet('逾期工作')!)[1].slice(0, 4)).toEqual(['任务', '办件编号', '事项', '申请人']);
    // A period before any case: no cases in the quality figures.
    const empty = await workbookAt(
      `/api/exports/overview.xlsx?from=${from}&to=${encodeURIComponent('2000-12-31T23:59:59.999Z')}`,
      'supervisor1',
    );
    expect(table(rowsOf(empty.getWorksheet('服务质量指标（按部门）')!))).toEqual([expect.objectContaining({ 部门: '合计', 办件数: 0 })]);
  });

  it('when a window clerk exports the inbox found by a full phone number, then the case’s task is there and the number is masked in the title', async () => {
    const wb = await workbookAt('/api/exports/tasks.xlsx?q=13812340000', 'window1');
    const rows = rowsOf(wb.getWorksheet('待办任务')!);
    expect(String(rows[0][0])).toContain('关键词：138****0000');
    expect(table(rows)).toEqual([expect.objectContaining({ 办件编号: caseId, 申请人: '孙导出', 是否逾期: expect.any(String) })]);
    expect(allText(wb)).not.toContain('13812340000');
  });

  it('when a role without access asks, then 403: 12345 and 办不成事 for an agent, 考核评估 and 监督总览 for a window clerk, the inbox for an applicant', async () => {
    expect(await status('/api/exports/hotline-orders.xlsx', 'agent1')).toBe(403);
    expect(await status('/api/exports/fallback-records.xlsx', 'agent1')).toBe(403);
    expect(await status('/api/exports/assessment.xlsx?from=2000-01-01&to=2100-01-01', 'window1')).toBe(403);
    expect(await status('/api/exports/overview.xlsx', 'window1')).toBe(403);
    expect(await status('/api/exports/tasks.xlsx', 'zhangsan')).toBe(403);
    expect(await status('/api/exports/assessment.xlsx?from=2100-01-01&to=2000-01-01', 'supervisor1')).toBe(400);
  });
});
