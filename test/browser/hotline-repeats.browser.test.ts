import { startConsoleStack, type ConsoleStack } from './browser';
import { apiStep, choose, closeDrawer } from './antd-steps';

// 12345 重复诉求 in the console: one stall at one compound written differently by two callers, merged on the third call.
jest.setTimeout(150_000);

let c: ConsoleStack;
beforeAll(async () => {
  c = await startConsoleStack();
}, 180_000);
afterAll(async () => {
  await c?.stop();
});

describe('12345 重复诉求 (headless Chromium, real stack)', () => {
  test('when two callers report one stall at one compound written differently, then the third call merges them; the lead is dispatched and a supervisor splits a wrongly merged order back out', async () => {
    const call = (orderId: string, callerPhone: string, subject: string | undefined, content: string) => ({
      orderId,
      callerPhone,
      callerName: '来电人',
      subject,
      category: 'complaint',
      content,
    });
    await apiStep(
      c,
      '/api/hotline/orders',
      call('BQ-001', '13911110001', '丰庆苑', '丰庆苑门口有个烧烤摊，每天晚上摆到一两点，桌子摆到人行道上'),
      'window1',
      201,
    );
    await apiStep(
      c,
      '/api/hotline/orders',
      call('BQ-002', '13911110002', undefined, '丰庆路12号院外头一到晚上就出来烧烤摊，占了半条道，烟熏火燎的'),
      'window1',
      201,
    );

    const page = await c.signIn('window1');
    await page.getByRole('link', { name: '12345 工单' }).click();
    await page.getByRole('heading', { name: '12345 工单' }).waitFor();
    // The third call, taken at the window: the first caller rings back without restating the problem.
    await page.getByTestId('hotline-new').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '录入 12345 工单' });
    const third = await dialog.getByTestId('hotline-order-id').inputValue();
    await dialog.getByLabel('来电人').fill('王先生');
    await dialog.getByLabel('来电号码').fill('13911110001');
    await choose(page, '诉求类别', '投诉举报');
    await dialog.getByLabel('诉求对象').fill('西安市莲湖区丰庆路丰庆苑小区');
    await dialog.getByLabel('诉求内容').fill('又打电话了，上次说处理到现在没人管，还是门口那个烧烤摊');
    await page.getByTestId('hotline-submit').click();
    const notice = page.getByTestId('hotline-repeat-notice');
    await notice.waitFor();
    const text = await notice.innerText();
    for (const id of [third, 'BQ-001', 'BQ-002']) expect(text).toContain(id);
    expect(text).toContain('主单 BQ-001');
    const drawer = page.getByTestId('machine-drawer');
    await drawer.getByTestId('machine-state').getByText('已并单（随主单办理）').waitFor();
    expect(await drawer.getByTestId('hotline-place').innerText()).toBe('丰庆苑');
    expect(await drawer.getByTestId('hotline-matter-type').innerText()).toBe('市容环境 / 占道经营');
    await c.shot(page, 'm30-window-hotline-repeat-merged');

    // The lead order is dispatched to the unit its matter type goes to.
    await drawer.getByTestId('hotline-lead').click();
    await drawer.getByTestId('machine-id').getByText('BQ-001').waitFor();
    await drawer.getByTestId('event-order.dispatch').click();
    await choose(page, '承办单位', '区城市管理和综合执法局');
    await page.getByRole('dialog').filter({ hasText: '承办人' }).getByLabel('承办人').fill('cgj1');
    await page.getByTestId('event-submit').click();
    await drawer.getByTestId('machine-state').getByText('已派单（待签收）').waitFor();
    await closeDrawer(page);
    await page.close();

    // A supervisor finds BQ-002 wrongly merged and splits it out with a reason; it goes back to 受理 on its own.
    const sup = await c.signIn('supervisor1');
    await sup.getByRole('link', { name: '12345 工单' }).click();
    const row = sup.locator('tr.ant-table-row').filter({ hasText: 'BQ-002' });
    await row.waitFor();
    expect(await row.innerText()).toContain('丰庆苑');
    // Open it by its number: the middle of the row is the caller's masked phone and its 显示 button.
    await row.getByText('BQ-002').click();
    const d = sup.getByTestId('machine-drawer');
    await d.getByTestId('machine-state').getByText('已并单（随主单办理）').waitFor();
    expect(await d.innerText()).toContain('区城市管理和综合执法局');
    expect(await d.innerText()).toContain('BQ-001 已派单（待签收）');
    await d.getByLabel('拆单理由').fill('回访核实：来电人说的是小区另一侧的烧烤摊');
    await c.shot(sup, 'm31-supervisor-hotline-split');
    await d.getByTestId('hotline-split').click();
    await d.getByTestId('machine-state').getByText('已受理（待派单）').waitFor();
    expect(await d.getByTestId('hotline-lead').count()).toBe(0);
    await sup.close();
  });
});
