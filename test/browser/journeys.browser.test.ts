import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '../helpers/wait-for';
import { ROOT, startConsoleStack, type ConsoleStack } from './browser';

jest.setTimeout(120_000);

let c: ConsoleStack;
beforeAll(async () => {
  c = await startConsoleStack();
}, 180_000);
afterAll(async () => {
  await c?.stop();
});

/** Starts a case through the API as an applicant, as a prior step of staff journeys. */
async function applyViaApi(shopName: string): Promise<string> {
  const res = await c.stack.http
    .post('/api/cases')
    .set('authorization', await c.stack.auth('lisi'))
    .send({ processKey: 'general-approval', title: '食品经营许可', variables: { shopName, contact: '李四', phone: '13800000000' } })
    .expect(201);
  return res.body.caseId as string;
}

async function completeViaApi(caseId: string, userId: string, variables: Record<string, unknown>): Promise<void> {
  const auth = await c.stack.auth(userId);
  const task = await waitFor(
    async () =>
      (await c.stack.http.get('/api/tasks').query({ caseId }).set('authorization', auth)).body.items[0] as { id: string } | undefined,
  );
  await c.stack.http
    .post(`/api/tasks/${encodeURIComponent(task.id)}/complete`)
    .set('authorization', auth)
    .send({ variables })
    .expect(200);
}

describe('web console journeys (headless Chromium, real stack)', () => {
  test('when an applicant applies online, then the progress page says what happens next, who does it and by when', async () => {
    const page = await c.signIn('zhangsan');
    await page.getByRole('heading', { name: '办事服务' }).waitFor();
    await c.shot(page, '01-applicant-services');
    await page.getByRole('link', { name: '一般审批事项' }).click();
    await page.getByLabel('申请主体名称（个人姓名或企业名称）').fill('好味面馆');
    await page.getByLabel('联系人').fill('张三');
    await page.getByLabel('联系电话').fill('12');
    await page.getByTestId('submit-application').click();
    await page.getByText('请填写有效的手机号或座机号').waitFor();
    await page.getByLabel('联系电话').fill('13912345678');
    await c.shot(page, '02-applicant-apply-form');
    await page.getByLabel('联系电话').press('Enter'); // keyboard submit
    await page.getByTestId('what-next').waitFor();
    const next = await page.getByTestId('what-next').innerText();
    expect(next).toContain('受理');
    expect(next).toContain('窗口人员');
    expect(next).toContain('需要您做的');
    expect(page.url()).toMatch(/\/my\/cases\/HB\d{8}-/);
    await c.shot(page, '03-applicant-progress');
    await page.getByRole('link', { name: '我的办件' }).click();
    await page.getByRole('cell', { name: '一般审批事项申请' }).first().waitFor();
    await c.shot(page, '04-applicant-my-cases');
    await page.close();
  });

  test('when an applicant browses the lifecycle tree and searches, then a guide and a 一件事 joint form with one material set show', async () => {
    const page = await c.signIn('zhangsan');
    await page.getByRole('tab', { name: '法人全生命周期' }).click();
    await page.getByText(/法人全生命周期.\d+ 个阶段/).waitFor();
    await page.getByRole('link', { name: /开办餐饮店/ }).waitFor();
    await c.shot(page, '01b-applicant-lifecycle-tree');
    await page.getByTestId('service-search').locator('input').fill('餐饮');
    await page.getByTestId('service-search').locator('input').press('Enter');
    await page.getByText(/找到 \d+ 项/).waitFor();
    const eventLink = page.locator('.ant-list-item').filter({ hasText: '一件事' }).locator('a').first();
    await eventLink.click();
    await page.getByRole('heading', { name: /一件事：/ }).waitFor();
    await page.getByText(/合并后需您提供 \d+ 份/).waitFor();
    await page.getByTestId('submit-event').waitFor();
    await c.shot(page, '01c-applicant-event-joint-form');
    await page.goBack();
    const itemTag = page.locator('.ant-collapse .ant-tag a').first();
    await itemTag.waitFor();
    await itemTag.click();
    await page.getByRole('heading', { name: /办事指南：/ }).waitFor();
    await page
      .getByRole('cell', { name: '是否核心要件' })
      .or(page.getByRole('columnheader', { name: '是否核心要件' }))
      .first()
      .waitFor();
    await c.shot(page, '01d-applicant-guide');
    await page.close();
  });

  test('when window staff open their inbox, then they accept the case with the task form and it leaves the inbox', async () => {
    const caseId = await applyViaApi('平安药房');
    const page = await c.signIn('window1');
    await page.getByRole('heading', { name: '待办任务' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: caseId });
    await row.waitFor();
    // At a 1366×768 window nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await c.shot(page, '05-window-inbox');
    await row.getByRole('button', { name: '签收' }).click();
    await page.getByText('已签收「受理」').waitFor();
    await row.getByText('我已签收').waitFor();
    await row.getByRole('button', { name: '办理' }).click();
    await page.getByRole('dialog').getByText('予以受理').waitFor();
    await page.getByTestId('task-opinion').fill('材料齐全，予以受理');
    await c.shot(page, '06-window-accept-form');
    await page.getByTestId('task-submit').click();
    await page.getByText('「受理」已办理').waitFor();
    await row.waitFor({ state: 'detached' });
    const tasks = await c.stack.http
      .get('/api/tasks')
      .query({ caseId })
      .set('authorization', await c.stack.auth('approver1'));
    expect(tasks.body.items.map((t: { elementId: string }) => t.elementId)).toEqual(['approve']);
    await page.getByRole('link', { name: '预审台' }).click();
    await page.getByRole('heading', { name: '预审台' }).waitFor();
    await page.getByText('从左侧选择一份预审申请').waitFor();
    await c.shot(page, '06b-window-prereview-desk');
    await page.close();
  });

  test('when the approver approves, then the case page shows the path taken on the diagram and the timeline', async () => {
    const caseId = await applyViaApi('百年老字号');
    await completeViaApi(caseId, 'window1', { accepted: true, opinion: '予以受理' });
    const page = await c.signIn('approver1');
    await page.goto(`${c.baseUrl}/cases/${caseId}`);
    await page.locator('.djs-element.hb-active').first().waitFor();
    expect(await page.locator('.djs-element.hb-active').evaluateAll((els) => els.map((e) => e.getAttribute('data-element-id')))).toEqual([
      'approve',
    ]);
    await c.shot(page, '07-approver-case-before');
    await page.getByTestId('complete-approve').click();
    await page.getByRole('dialog').getByText('准予许可').click();
    await page.getByTestId('task-opinion').fill('符合条件，准予许可');
    await page.getByTestId('task-submit').click();
    await page.getByText('「审批」已办理').waitFor();
    await page.getByText('已办结').first().waitFor();
    const done = await page.locator('.djs-element.hb-done').evaluateAll((els) => els.map((e) => e.getAttribute('data-element-id')));
    expect(done).toEqual(
      expect.arrayContaining(['submitted', 'accept', 'accepted_gateway', 'approve', 'write_result', 'done', 'flow_accepted']),
    );
    expect(done).not.toContain('not_accepted');
    expect(await page.locator('.djs-element.hb-pending[data-element-id="not_accepted"]').count()).toBe(1);
    const timeline = await page.getByTestId('case-timeline').innerText();
    expect(timeline).toContain('受理');
    expect(timeline).toContain('审批');
    expect(timeline).toContain('赵审批');
    await c.shot(page, '08-approver-case-done');
    await page.close();

    // The applicant sees the result and rates the service (好差评).
    const applicant = await c.signIn('lisi');
    await applicant.goto(`${c.baseUrl}/my/cases/${caseId}`);
    await applicant.getByText('准予许可').first().waitFor();
    // Nothing is pre-selected: the applicant picks five stars.
    await applicant.getByTestId('rating-card').locator('.ant-rate-star').nth(4).click();
    await applicant.getByTestId('submit-rating').click();
    await applicant.getByTestId('rating-done').getByText('非常满意').waitFor();
    await c.shot(applicant, '08b-applicant-result-rated');
    await applicant.close();
  });

  test('when a supervisor looks at the overview and searches the audit log by case, then figures, a chart and that case’s records show', async () => {
    const caseId = await applyViaApi('社区便利店');
    const page = await c.signIn('supervisor1');
    await page.getByRole('heading', { name: '监督总览' }).waitFor();
    await page.getByTestId('chart').locator('svg').first().waitFor();
    const total = (
      await c.stack.http
        .get('/api/cases')
        .query({ limit: 1 })
        .set('authorization', await c.stack.auth('supervisor1'))
    ).body.total as number;
    await expect(page.locator('.ant-statistic').filter({ hasText: '办件总数' }).innerText()).resolves.toContain(String(total));
    await page.getByTestId('quality').getByText('差评整改率').first().waitFor();
    await c.shot(page, '09-supervisor-overview');
    await page.getByTestId('quality').scrollIntoViewIfNeeded();
    await c.shot(page, '09b-supervisor-quality-charts');
    await page.getByRole('link', { name: '兜底与督办' }).click();
    await page.getByRole('heading', { name: '兜底与督办' }).waitFor();
    await page.locator('.ant-table').first().waitFor();
    await c.shot(page, '09c-supervisor-escalations');
    await page.getByRole('link', { name: '审计日志' }).click();
    await page.getByTestId('audit-case').fill(caseId);
    await page.getByTestId('audit-case').press('Enter');
    // The filtered table holds only this case's records (rows refresh once the search answers); the first column expands 详情.
    await page.waitForFunction((id) => {
      const cells = Array.from(document.querySelectorAll('tbody tr.ant-table-row td:nth-child(5)')).map((td) => td.textContent);
      return cells.length > 0 && cells.every((t) => t === id);
    }, caseId);
    const actions = await page.locator('tbody tr.ant-table-row td:nth-child(4)').allInnerTexts();
    expect(actions).toEqual(expect.arrayContaining(['提交申请', '生成待办']));
    // Words, not keys: no action key or raw JSON in the table; the raw record is one click away.
    expect(actions.some((a) => /^[a-z]+\./.test(a))).toBe(false);
    await page.locator('tbody tr.ant-table-row').first().locator('.ant-table-row-expand-icon').click();
    await page.locator('pre').filter({ hasText: '"action"' }).first().waitFor();
    await c.shot(page, '10-supervisor-audit');
    await page.close();
  });

  test('when an admin deploys a definition with an error, then the problem is pinned on the diagram at its element; a valid one deploys', async () => {
    const page = await c.signIn('admin');
    await page.getByRole('link', { name: '部署流程' }).click();
    await page.locator('input[type=file]').setInputFiles(path.join(__dirname, 'fixtures/invalid-approval.bpmn'));
    await page.getByTestId('deploy-file').waitFor();
    await page.getByTestId('bpmn-diagram').locator('.djs-element').first().waitFor();
    await page.getByTestId('deploy-button').click();
    await page.getByTestId('deploy-problems').waitFor();
    const badge = page.locator('.hb-error-badge[data-element-id="write_result"]');
    await badge.waitFor();
    expect(await badge.innerText()).toContain('taskDefinition');
    expect(await page.locator('.djs-element.hb-error').evaluateAll((els) => els.map((e) => e.getAttribute('data-element-id')))).toEqual([
      'write_result',
    ]);
    await c.shot(page, '11-admin-deploy-invalid');

    const valid = path.join(os.tmpdir(), `browser-approval-${process.pid}.bpmn`);
    writeFileSync(
      valid,
      readFileSync(path.join(ROOT, 'definitions/processes/general-approval.bpmn'), 'utf8')
        .replaceAll('general-approval', 'browser-approval')
        .replace('一般审批事项', '浏览器测试审批'),
    );
    await page.locator('input[type=file]').setInputFiles(valid);
    await page.getByTestId('deploy-button').click();
    await page.getByText('已部署 浏览器测试审批 v1').waitFor();
    await c.shot(page, '12-admin-deploy-done');
    await page.getByRole('button', { name: '查看流程定义' }).click();
    await page.getByRole('cell', { name: 'browser-approval' }).waitFor();
    await c.shot(page, '13-admin-definitions');

    // Catalogue import: a bundle with one broken item is reported item by item, with progress.
    const bundle = path.join(os.tmpdir(), `catalogue-${process.pid}.json`);
    writeFileSync(bundle, JSON.stringify({ items: [{ code: 'BROKEN-ITEM', name: '缺字段的事项' }] }));
    await page.getByRole('link', { name: '事项目录导入' }).click();
    await page.locator('input[type=file]').setInputFiles(bundle);
    await page.getByRole('button', { name: '开始导入' }).click();
    await page
      .getByText(/导入完成|导入失败/)
      .first()
      .waitFor();
    expect(await page.locator('body').innerText()).toContain('BROKEN-ITEM');
    await c.shot(page, '13b-admin-catalogue-import');
    await page.close();
  });

  test('when an agent opens the 343 board, then their project shows with who it is waiting on; an unknown case shows a clear error, not a blank page', async () => {
    const window = await c.stack.auth('window1');
    const intake = await c.stack.http
      .post('/api/agency/projects')
      .set('authorization', window)
      .send({ channel: 'window', title: '新建标准化厂房项目', applicant: { name: '莲湖科技有限公司' }, team: { dedicated: 'agent1' } })
      .expect(201);
    const id = (intake.body.instanceId ?? intake.body.id) as string;
    await c.stack.http
      .post(`/api/agency/projects/${encodeURIComponent(id)}/events`)
      .set('authorization', window)
      .send({ type: 'agency.accept', team: { dedicated: 'agent1' } })
      .expect(200);
    const page = await c.signIn('agent1');
    await page.getByRole('heading', { name: /343 代办看板/ }).waitFor();
    const card = page.locator('.ant-card').filter({ hasText: '新建标准化厂房项目' });
    await card.waitFor().catch(async (e) => {
      await c.shot(page, '14-agent-board-failed');
      throw e;
    });
    expect(await card.innerText()).toContain('正在等待');
    await c.shot(page, '14-agent-board');
    await page.goto(`${c.baseUrl}/cases/HB20000101-NOPE00`);
    await page.getByRole('alert').getByText('不存在').waitFor();
    await c.shot(page, '15-error-state');
    await page.close();
  });
  test('when an admin adds a user with two roles, then the user is listed with both; when a supervisor resolves an incident, then it leaves the open list and the case finishes', async () => {
    const page = await c.signIn('admin');
    await page.getByRole('link', { name: '用户与角色' }).click();
    await page.getByRole('heading', { name: '用户与角色' }).waitFor();
    await page.getByTestId('user-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('账号').fill('window3');
    await dialog.getByLabel('姓名').fill('孙窗审');
    await dialog.getByLabel('部门').fill('区数据和行政审批局');
    // Choose 审批人员 until its tag shows: a click landing while the dropdown still animates can be lost.
    const chosen = dialog.locator('.ant-select-selection-item').filter({ hasText: '审批人员' });
    await waitFor(
      async () => {
        if ((await chosen.count()) > 0) return true;
        if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) await dialog.getByTestId('user-roles').click();
        await page
          .locator('.ant-select-dropdown:visible .ant-select-item-option')
          .filter({ hasText: '审批人员' })
          .click({ timeout: 2000 })
          .catch(() => undefined);
        return undefined;
      },
      20_000,
      'the 审批人员 role to be chosen',
    );
    await dialog.getByLabel('姓名').click(); // closes the dropdown without Escape, which could close the dialog
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已新建用户 window3').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    // The demo directory has more users than one page: find the new one by its account.
    await page.getByTestId('user-search').locator('input').fill('window3');
    await page.getByTestId('user-search').locator('input').press('Enter');
    const row = page.locator('tr.ant-table-row').filter({ hasText: 'window3' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/窗口人员[\s\S]*审批人员/);
    await c.shot(page, '16-admin-users');
    const saved = await c.stack.db.prisma.user.findUniqueOrThrow({ where: { id: 'window3' } });
    expect(saved.roles).toEqual(['window', 'approver']);
    // 停用: the account is refused from its next request on.
    await page.getByTestId('user-disable-window3').click();
    await row.getByText('已停用').waitFor();
    expect((await c.stack.db.prisma.user.findUniqueOrThrow({ where: { id: 'window3' } })).disabled).toBe(true);
    await page.close();

    // An incident: a service task whose type no worker implements.
    const admin = await c.stack.auth('admin');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://haoban.gov.cn/bpmn">
  <bpmn:process id="incident-demo" name="故障演示" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="push" />
    <bpmn:serviceTask id="push" name="推送省平台"><bpmn:extensionElements><zeebe:taskDefinition type="province-push" retries="1" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="push" targetRef="e" />
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
    await c.stack.http.post('/api/definitions').set('authorization', admin).set('content-type', 'application/xml').send(xml).expect(201);
    const started = await c.stack.http
      .post('/api/cases')
      .set('authorization', await c.stack.auth('window1'))
      .send({ processKey: 'incident-demo', applicantId: 'zhangsan', variables: {} })
      .expect(201);
    const caseId = started.body.caseId as string;
    await waitFor(
      async () =>
        (await c.stack.http.get('/api/incidents').query({ status: 'open' }).set('authorization', admin)).body.items.find(
          (i: { caseId: string }) => i.caseId === caseId,
        ),
      60_000,
      'incident raised',
    );

    const sup = await c.signIn('supervisor1');
    await sup.getByRole('link', { name: '故障处理' }).click();
    const incident = sup.locator('tr').filter({ hasText: caseId });
    await incident.waitFor();
    expect(await incident.innerText()).toContain('push');
    await c.shot(sup, '17-supervisor-incidents');
    await incident.getByRole('button', { name: '标记解决' }).click();
    await sup.getByRole('button', { name: '确认' }).click();
    await incident.waitFor({ state: 'detached' });
    await waitFor(
      async () => ((await c.stack.db.prisma.case.findUnique({ where: { id: caseId } }))?.status === 'completed' ? true : undefined),
      30_000,
      'case completed after resolve',
    );
    await sup.close();
  });
});
