import path from 'node:path';
import ExcelJS from 'exceljs';
import { seedAgencyDemo } from '../../server/demo/seed-agency';
import { createLogger } from '../../server/logger';
import { waitFor } from '../helpers/wait-for';
import { startConsoleStack, type ConsoleStack } from './browser';

jest.setTimeout(120_000);

let c: ConsoleStack;
beforeAll(async () => {
  c = await startConsoleStack();
}, 180_000);
afterAll(async () => {
  await c?.stop();
});

async function applyViaApi(applicantName: string, contactPhone: string): Promise<string> {
  const res = await c.stack.http
    .post('/api/cases')
    .set('authorization', await c.stack.auth('lisi'))
    .send({
      processKey: 'general-approval',
      title: '食品经营许可',
      variables: { shopName: `${applicantName}的小店`, applicantName, contactPhone },
    })
    .expect(201);
  return res.body.caseId as string;
}

describe('the staff desk (headless Chromium, real stack)', () => {
  test('when a citizen quotes the first characters of a 办件编号, then window staff find that case in 办件查询 and in the inbox', async () => {
    const wanted = await applyViaApi('赵一', '13700000011');
    await applyViaApi('钱二', '13700000012');
    await waitFor(async () => ((await c.stack.db.prisma.task.count({ where: { caseId: wanted } })) ? true : undefined));

    const page = await c.signIn('window1');
    await page.getByRole('link', { name: '办件查询' }).click();
    await page.getByRole('heading', { name: '办件查询' }).waitFor();
    const box = page.getByTestId('case-search').locator('input');
    await box.fill(wanted.slice(0, -2).toLowerCase());
    await box.press('Enter');
    await page.getByRole('link', { name: wanted }).waitFor();
    await page.getByText('共 1 件').waitFor();
    // 申请人 shows the name, not the login id.
    await page.getByRole('cell', { name: '赵一' }).waitFor();
    await c.shot(page, 'desk-01-find-case-by-number');

    await box.fill('13700000012');
    await box.press('Enter');
    await page.getByRole('cell', { name: '钱二' }).waitFor();
    expect(await page.getByRole('link', { name: wanted }).count()).toBe(0);

    await page.getByRole('link', { name: '待办任务' }).click();
    const inboxBox = page.getByTestId('inbox-search').locator('input');
    await inboxBox.fill(wanted);
    await inboxBox.press('Enter');
    await page.getByText(wanted).first().waitFor();
    await page.getByText('共 1 项').waitFor();
    await c.shot(page, 'desk-02-inbox-search');
    await page.close();
  });

  test("when a supervisor exports this month's 月报, then the downloaded workbook has a row per department and a 合计", async () => {
    await applyViaApi('孙三', '13700000013');
    const page = await c.signIn('supervisor1');
    await page.getByRole('heading', { name: '监督总览' }).waitFor();
    const month = page.getByLabel('月报月份');
    await month.click();
    await month.fill(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7).replace('-', '年') + '月');
    await month.press('Enter');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-monthly').click()]);
    expect(download.suggestedFilename()).toMatch(/^监督月报-\d{4}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const rows = wb
      .getWorksheet('月报（按部门）')!
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows[1][0]).toBe('部门');
    const total = rows.find((r) => r[0] === '合计')!;
    expect(total[1]).toBeGreaterThanOrEqual(1);
    await page.getByText(/已导出「监督月报-/).waitFor();
    await c.shot(page, 'desk-03-monthly-report-exported');
    await page.close();
  });

  test('when a new 代办员 opens the 343 board, then it explains 343, shows demo projects, and the agent registers and accepts a key project', async () => {
    await seedAgencyDemo({ prisma: c.stack.db.prisma, baseUrl: c.baseUrl, token: (u) => c.stack.token(u), logger: createLogger('silent') });
    const page = await c.signIn('agent1');
    await page.getByRole('heading', { name: /343 代办看板/ }).waitFor();
    expect(await page.getByTestId('about-343').innerText()).toContain('3 类角色');
    await page.getByText('西北智能装备产业园扩建项目').waitFor();
    await c.shot(page, 'desk-04-agent-board');
    await page.getByText('联合预审（待部门意见）').first().waitFor();
    await page.getByTestId('unassigned-projects').getByText('莲湖区新能源电池材料生产线项目').waitFor();
    await c.shot(page, 'desk-04-agent-board');

    await page.getByTestId('register-project').click();
    await page.getByTestId('project-title').fill('桃园路数字文创产业孵化基地项目');
    await page.getByTestId('project-applicant').fill('西安桃园文创发展有限公司');
    await page.getByText('陈代办（本人）').waitFor();
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /^登 ?记$/ })
      .click();
    await page.getByText('已登记重点项目「桃园路数字文创产业孵化基地项目」').waitFor();
    const card = page.locator('.ant-card').filter({ hasText: '桃园路数字文创产业孵化基地项目' });
    await card.getByText('已申请（待受理）').waitFor();
    await card.getByRole('button', { name: /^办 ?理$/ }).click();
    await page.getByTestId('event-agency.accept').click();
    await page.getByText('陈代办（本人）').last().waitFor();
    await page.getByTestId('event-submit').click();
    await page.getByText('已受理（组建代办团队）').first().waitFor();
    await c.shot(page, 'desk-05-agent-accepted-project');
    const row = await waitFor(async () => {
      const r = await c.stack.db.prisma.machineInstance.findFirst({ where: { kind: 'agency', title: '桃园路数字文创产业孵化基地项目' } });
      return r?.states.includes('accepted') ? r : undefined;
    });
    expect((row.context as { teamIds: string[] }).teamIds).toEqual(['agent1']);
    await page.close();
  });

  test('when an admin deploys a file with a flow to a missing element, then the flow is drawn dashed in red with its message and the steps stop at 校验未通过', async () => {
    const page = await c.signIn('admin');
    await page.getByRole('link', { name: '部署流程' }).click();
    await page.locator('input[type=file]').setInputFiles(path.join(__dirname, 'fixtures/dangling-flow.bpmn'));
    await page.getByTestId('deploy-file').waitFor();
    await page.getByTestId('deploy-button').click();
    await page.getByTestId('deploy-problems').waitFor();
    const flow = page.locator('.hb-missing-flow[data-element-id="flow_to_check"]');
    // A straight horizontal flow has no height: wait for it in the DOM, not for a visible box.
    await flow.waitFor({ state: 'attached' });
    expect(await page.locator('.hb-missing-flow-label').first().textContent()).toContain('ghost_gateway');
    expect(await page.getByTestId('deploy-problems').innerText()).toMatch(/其中 \d+ 个已在流程图上用红色标出/);
    // The failed step is the validation step, not a ticked one followed by 完成.
    await page.locator('.ant-steps-item-error').getByText('校验未通过').waitFor();
    expect(await page.locator('.ant-steps-item-finish').count()).toBe(2);
    await c.shot(page, 'desk-06-deploy-dangling-flow');
    await page.close();
  });
});
