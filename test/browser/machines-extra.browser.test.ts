import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { waitFor } from '../helpers/wait-for';
import { allText, rowsOf } from '../helpers/xlsx';
import { startConsoleStack, type ConsoleStack } from './browser';
import { apiStep, choose, closeDrawer } from './antd-steps';

// Console additions to the rule-machine pages: 12345 工单录入 by phone, 事项清单动态调整, and 特派员查看 in the linkage drawer.
jest.setTimeout(150_000);

let c: ConsoleStack;
beforeAll(async () => {
  c = await startConsoleStack();
}, 180_000);
afterAll(async () => {
  await c?.stop();
});

const post = (path: string, body: object, user: string, status: number) => apiStep(c, path, body, user, status);

/** Fills the 录入工单 dialog and submits it; returns the order id it carried. */
async function enterOrder(
  page: Page,
  fields: { name: string; phone: string; category: string; subject: string; content: string },
): Promise<string> {
  await page.getByTestId('hotline-new').click();
  const dialog = page.getByRole('dialog').filter({ hasText: '录入 12345 工单' });
  const orderId = await dialog.getByTestId('hotline-order-id').inputValue();
  await dialog.getByLabel('来电人').fill(fields.name);
  await dialog.getByLabel('来电号码').fill(fields.phone);
  await choose(page, '诉求类别', fields.category);
  await dialog.getByLabel('诉求对象').fill(fields.subject);
  await dialog.getByLabel('诉求内容').fill(fields.content);
  return orderId;
}

describe('rule-machine console additions (headless Chromium, real stack)', () => {
  test('when window staff enter a phoned-in 12345 order, then its drawer opens awaiting 派单; when the caller has called twice before about it, then the page says it was merged and links the 办不成事 record', async () => {
    const page = await c.signIn('window1');
    await page.getByRole('link', { name: '12345 工单' }).click();
    await page.getByRole('heading', { name: '12345 工单' }).waitFor();

    const first = await enterOrder(page, {
      name: '何女士',
      phone: '13900002222',
      category: '咨询',
      subject: '医保参保',
      content: '想咨询一下新生儿医保参保需要带哪些材料，在哪个窗口办理',
    });
    expect(first).toMatch(/^LH12345-\d{8}-[0-9A-Z]{4}$/);
    await c.shot(page, 'm18-window-hotline-enter-order');
    await page.getByTestId('hotline-submit').click();
    const drawer = page.getByTestId('machine-drawer');
    await drawer.getByTestId('machine-state').getByText('已受理（待派单）').waitFor();
    expect((await drawer.getByTestId('machine-id').innerText()).trim()).toBe(first);
    // The caller's number is masked for window staff; 显示 reveals it and the reveal is audited.
    expect(await drawer.innerText()).toContain('何女士');
    expect(await drawer.getByTestId('masked-callerPhone').innerText()).toBe('139****2222');
    expect(await page.locator('body').innerText()).not.toContain('13900002222');
    await drawer.getByTestId('reveal-callerPhone').click();
    expect(await drawer.getByTestId('revealed-callerPhone').innerText()).toBe('13900002222');
    await c.shot(page, 'm18b-window-hotline-reveal-phone');
    const revealed = await waitFor(() =>
      c.stack.db.prisma.auditEvent
        .findFirst({ where: { action: 'privacy.revealed', actor: 'window1' }, orderBy: { at: 'desc' } })
        .then((r) => r ?? undefined),
    );
    expect(revealed.details).toMatchObject({ subject: 'hotline', id: first, field: 'callerPhone' });
    await drawer.getByTestId('event-order.dispatch').waitFor();
    await closeDrawer(page);
    await page.locator('tr.ant-table-row').filter({ hasText: first }).waitFor();

    // 导出 Excel with the list's filter (the caller's number): the workbook masks the number as the list does.
    const search = page.getByTestId('hotline-phone').locator('input');
    await search.fill('13900002222');
    await search.press('Enter');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-hotline').click()]);
    expect(download.suggestedFilename()).toMatch(/^12345工单-\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const rows = rowsOf(wb.getWorksheet('12345工单')!);
    expect(String(rows[0][0])).toContain('来电号码：139****2222');
    expect(rows.slice(2).map((r) => [r[0], r[2], r[3], r[7], r[9]])).toEqual([
      [first, '何女士', '139****2222', '咨询', '已受理（待派单）'],
    ]);
    expect(allText(wb)).not.toContain('13900002222');
    await page.getByText(/已导出「12345工单-/).waitFor();
    await search.fill('');
    await search.press('Enter');

    // Two earlier calls about the same rubbish, pushed by the hotline system; the third is taken at the window.
    const earlier = (orderId: string, content: string) => ({
      orderId,
      callerPhone: '13700001111',
      callerName: '刘先生',
      subject: '西关正街18号院',
      category: 'complaint',
      content,
    });
    await post(
      '/api/hotline/orders',
      earlier('BR-301', '西关正街18号院门口的垃圾桶已经满了三四天了，一直没有人来清运，天热了味道特别大。'),
      'window1',
      201,
    );
    await post(
      '/api/hotline/orders',
      earlier('BR-302', '上周反映过我们院门口垃圾没人拉走的事，到现在还是堆着，苍蝇蚊子到处飞。'),
      'window1',
      201,
    );
    const third = await enterOrder(page, {
      name: '刘先生',
      phone: '13700001111',
      category: '投诉举报',
      subject: '西关正街18号院',
      content: '第三次打电话了！18号院门前垃圾堆积如山，清运车好几天都不来。',
    });
    await page.getByTestId('hotline-submit').click();
    const notice = page.getByTestId('hotline-repeat-notice');
    await notice.waitFor();
    const noticeText = await notice.innerText();
    expect(noticeText).toContain(third);
    for (const id of ['BR-301', 'BR-302']) expect(noticeText).toContain(id);
    expect((await drawer.getByTestId('machine-id').innerText()).trim()).toBe(third);
    await drawer.getByText('并入办不成事', { exact: true }).waitFor();
    const fallbackId = (await page.getByTestId('hotline-repeat-fallback').innerText()).trim();
    expect(fallbackId).toMatch(/^BBCS\d{8}-/);
    await c.shot(page, 'm18b-window-hotline-entered-repeat');
    await closeDrawer(page);
    await page.getByTestId('hotline-repeat-fallback').click();
    await page.getByRole('heading', { name: '办不成事窗口' }).waitFor();
    const record = page.getByTestId('machine-drawer');
    await record.getByText('关联 12345 工单').waitFor();
    await record.getByRole('link', { name: third }).waitFor();
    await page.close();
  });

  test('when a supervisor proposes cancelling an item, submits and approves it in the drawer, then the 动态调整 tab lists it as effective', async () => {
    const page = await c.signIn('supervisor1');
    await page.getByRole('link', { name: '审管联动' }).click();
    await page.getByRole('tab', { name: '动态调整' }).click();
    await page.getByText('暂无生效的调整').waitFor();
    await page.getByTestId('adjustment-new').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '提出事项清单调整' });
    await dialog.getByText('取消', { exact: true }).first().click();
    await dialog.getByLabel('事项编码').fill('SPJ-0099');
    await dialog.getByLabel('事项名称').fill('临时占用城市道路审批（旧版）');
    await choose(page, '提出部门', '区城市管理和综合执法局');
    await dialog.getByLabel('调整理由').fill('已并入“占道施工一件事”，原单项事项取消');
    await c.shot(page, 'm19-supervisor-adjustment-propose');
    await dialog.getByTestId('adjustment-submit').click();

    const drawer = page.getByTestId('machine-drawer');
    await drawer.getByTestId('machine-state').getByText('待提交').waitFor();
    const id = (await drawer.getByTestId('machine-id').innerText()).trim();
    expect(id).toMatch(/^TZ/);
    expect(await drawer.innerText()).toMatch(/调整类型\s*取消/);
    await drawer.getByTestId('event-adjustment.submit').click();
    await page.getByTestId('event-submit').click();
    await drawer.getByTestId('machine-state').getByText('审核中').waitFor();
    const actions = await drawer.getByTestId('machine-events').innerText();
    for (const a of ['审核通过', '退回修改', '不予调整']) expect(actions).toContain(a);
    await drawer.getByTestId('event-adjustment.approve').click();
    await page.getByRole('dialog').filter({ hasText: '审核意见' }).getByLabel('审核意见').fill('同意取消');
    await page.getByTestId('event-submit').click();
    await drawer.getByTestId('machine-state').getByText('已生效').waitFor();
    expect(await drawer.innerText()).toMatch(/审核通过\s*supervisor1/);
    await closeDrawer(page);

    const effective = page.getByTestId('effective-adjustments').locator('tr.ant-table-row').filter({ hasText: 'SPJ-0099' });
    await effective.waitFor();
    expect(await effective.innerText()).toMatch(/取消[\s\S]*临时占用城市道路审批（旧版）[\s\S]*supervisor1 \/ supervisor1/);
    const list = await c.stack.http.get('/api/linkage/adjustments/effective').set('authorization', await c.stack.auth('supervisor1'));
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await c.shot(page, 'm19b-supervisor-adjustment-effective');
    await page.close();
  });

  test('when the market area commissioner opens a 监管结果抄告 about a case, then the drawer shows 特派员查看 with the commissioner and a link to the case', async () => {
    const started = await c.stack.http
      .post('/api/cases')
      .set('authorization', await c.stack.auth('lisi'))
      .send({
        processKey: 'general-approval',
        title: '食品经营许可',
        variables: { shopName: '北院门小吃', contact: '李四', phone: '13800000000' },
      })
      .expect(201);
    const caseId = started.body.caseId as string;
    await waitFor(
      async () =>
        (await c.stack.http.get(`/api/cases/${caseId}`).set('authorization', await c.stack.auth('lisi'))).status === 200 ? true : undefined,
      30_000,
      'case readable',
    );
    await post(
      '/api/linkage/findings',
      {
        title: '告知承诺核查：从业人员健康证缺失',
        department: 'scjgj',
        caseId,
        findingType: 'falseCommitment',
        description: '现场核查 3 名从业人员无健康证',
      },
      'supervisor1',
      201,
    );

    const page = await c.signIn('supervisor1');
    await page.getByRole('link', { name: '审管联动' }).click();
    await page.getByRole('tab', { name: '监管结果抄告' }).click();
    const row = page.locator('tr.ant-table-row').filter({ hasText: '从业人员健康证缺失' });
    await row.waitFor();
    await row.click();
    const inspect = page.getByTestId('machine-drawer').getByTestId('inspect');
    await inspect.getByTestId('inspect-commissioner').getByText('周监督（supervisor1）').waitFor();
    expect(await inspect.getByTestId('inspect-case').innerText()).toContain('食品经营许可');
    await c.shot(page, 'm20-commissioner-inspect-finding');
    await inspect.getByRole('link', { name: caseId }).click();
    await page.waitForURL(`**/cases/${caseId}`);
    await page.getByText('北院门小吃').or(page.getByText('食品经营许可')).first().waitFor();
    await page.close();
  });
});
