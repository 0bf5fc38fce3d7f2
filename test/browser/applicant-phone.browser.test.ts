import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { overrideHandlingConfig } from '../../activities/handling/config';
import { pdf } from '../fixtures/materials/make-files';
import { acceptAtFrontDesk, deptAuth, deptInbox } from '../integration/catalog/helpers';
import { pdfText } from '../helpers/pdf-text';
import { waitFor } from '../helpers/wait-for';
import { startConsoleStack, type ConsoleStack } from './browser';
import { DESKTOP, expectNoOverflow, phoneChecks, PHONE } from './phone';

jest.setTimeout(240_000);

let c: ConsoleStack;
let check: ReturnType<typeof phoneChecks>;
let dir: string;
let restore: () => void;
beforeAll(async () => {
  // Notices go out at once (no quiet hours, a short dispatcher poll), so the 消息 list fills promptly.
  restore = overrideHandlingConfig({
    quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai', enabled: false },
    dispatcherPollSeconds: 0.5,
  });
  c = await startConsoleStack();
  check = phoneChecks(c);
  dir = mkdtempSync(path.join(os.tmpdir(), 'haoban-applicant-'));
}, 180_000);
afterAll(async () => {
  await c?.stop();
  restore?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function phonePage(user = 'zhangsan'): Promise<Page> {
  const page = await c.signIn(user);
  await page.setViewportSize(PHONE);
  return page;
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).first().click()]);
  const file = path.join(dir, `${testId}-${Date.now()}.pdf`);
  await dl.saveAs(file);
  return readFileSync(file);
}

/** Works the scjgj tasks of the event's first item: 受理, 审查, 决定 … with `variables`, until none is left. */
async function workFirstItem(eventCaseId: string, variables: object) {
  const auth = await deptAuth(c.stack, 'scjgj');
  for (let i = 0; i < 8; i++) {
    const tasks = await waitFor(async () => {
      await acceptAtFrontDesk(c.stack, `${eventCaseId}-01`);
      return (await deptInbox(c.stack, 'scjgj', `${eventCaseId}-01`)).slice(0, 1);
    }, 15_000).catch(() => []);
    if (!tasks.length) return;
    await c.stack.http.post(`/api/tasks/${tasks[0].id}/complete`).set('authorization', auth).send({ variables }).expect(200);
  }
}

let eventCaseId = '';

describe('the applicant side on a phone (390×844) and a desktop (headless Chromium, real stack)', () => {
  test('when a citizen looks for a service, then it is found by life event and by search, in plain words, without sideways scrolling', async () => {
    const page = await phonePage();
    await page.getByRole('heading', { name: '办事服务' }).waitFor();
    // The menu is a drawer that covers the page, opened by a 44 px button; the header does not wrap.
    const button = await page.getByTestId('open-menu').boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(44);
    const header = await page.locator('.hb-header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(72);
    await check(page, '30-phone-services');
    await page.getByTestId('open-menu').click();
    await page.getByTestId('nav-drawer').getByRole('link', { name: '我的办件' }).waitFor();
    await page.waitForFunction(() => document.querySelector('.ant-drawer-content-wrapper')?.getBoundingClientRect().left === 0);
    await c.shot(page, '31-phone-menu-drawer');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: '法人全生命周期' }).click();
    await page.getByRole('link', { name: '开办餐饮店一件事' }).first().waitFor();
    await expectNoOverflow(page, 'legal-person tree');
    await page.getByLabel('搜索事项').fill('开饭店');
    await page.getByLabel('搜索事项').press('Enter');
    await page.getByText(/找到 \d+ 项/).waitFor();
    await check(page, '32-phone-search');
    await page.getByRole('link', { name: '开办餐饮店一件事' }).first().click();
    await page.getByRole('heading', { name: '开办餐饮店一件事' }).waitFor();
    await check(page, '33-phone-event-form');
    await page.close();
  });

  test('when a citizen applies for 开办餐饮店 一件事 with the files, then the switches left at 否 are accepted and the progress page shows the number and the materials', async () => {
    const page = await phonePage();
    await page.goto(`${c.baseUrl}/events/EV-RESTAURANT`);
    await page.getByRole('heading', { name: '开办餐饮店一件事' }).waitFor();
    // Name, ID number and phone come from the signed-in identity.
    await waitFor(
      async () => ((await page.getByLabel('法定代表人姓名', { exact: true }).inputValue()) === '张三' ? true : undefined),
      15_000,
      'name prefilled',
    );
    expect(await page.getByLabel('法定代表人身份证号', { exact: true }).inputValue()).toBe('610104199001011234');
    await page.getByLabel('企业名称', { exact: true }).fill('好味面馆有限公司');
    await page.getByLabel('注册资本（万元）', { exact: true }).fill('50');
    await page.getByLabel('经营范围', { exact: true }).fill('餐饮服务');
    await page.getByLabel('经营场所地址', { exact: true }).fill('莲湖区西大街 1 号');
    for (const [label, option] of [
      ['拟经营业态', '餐饮服务'],
      ['原店铺业态', '餐饮服务'],
    ]) {
      await page.getByLabel(label, { exact: true }).click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
      await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
    }
    await page.getByLabel('经营面积（平方米）', { exact: true }).fill('80');
    await page.getByLabel('牌匾文字内容', { exact: true }).fill('好味面馆');
    const materials = page.getByTestId('event-materials');
    const codes = await materials
      .locator('[data-testid^="event-material-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('event-material-', '')));
    expect(codes.length).toBeGreaterThanOrEqual(6);
    for (const code of codes) {
      const file = path.join(dir, `${code}.pdf`);
      writeFileSync(file, pdf(`material ${code}`));
      await page.getByTestId(`event-material-${code}`).locator('input[type=file]').setInputFiles(file);
      await page.getByTestId(`event-material-${code}`).getByText(`${code}.pdf`).waitFor();
    }
    await check(page, '34-phone-event-with-files');
    await page.getByTestId('submit-event').click();
    const submitted = page.getByTestId('event-submitted');
    await submitted.waitFor({ timeout: 60_000 });
    eventCaseId = /EV\d{8}-[A-Z0-9]+/.exec(await submitted.innerText())![0];
    await page.getByTestId('event-materials-card').getByText('已提交').first().waitFor();
    expect(await page.getByTestId('event-materials-card').getByText('未提交').count()).toBe(0);
    await check(page, '35-phone-event-progress');

    // Everything was filed with the items: the switches went in as false.
    const items = await c.stack.http
      .get(`/api/cases/${eventCaseId}-01/materials`)
      .set('authorization', await deptAuth(c.stack, 'scjgj'))
      .expect(200);
    expect(items.body.items.some((i: { file?: unknown }) => i.file)).toBe(true);
    const form = await c.stack.http
      .get(`/api/events/cases/${eventCaseId}`)
      .set('authorization', await c.stack.auth('zhangsan'))
      .expect(200);
    expect(form.body.form).toMatchObject({ mainStructureChanged: false, previouslyLicensed: false, legalRepName: '张三' });
    await page.close();
  });

  test('when staff ask for a correction, then the case shows 待补正 with the one-time notice, the citizen answers it there, and the 受理回执 and 一次性告知书 download as PDF', async () => {
    const staff = await deptAuth(c.stack, 'scjgj');
    const caseId = `${eventCaseId}-01`;
    const list = await c.stack.http.get(`/api/cases/${caseId}/materials`).set('authorization', staff).expect(200);
    const file = list.body.items.find((i: { file?: { id: string } }) => i.file).file as { id: string; name: string };
    await c.stack.http
      .post(`/api/cases/${caseId}/materials/${file.id}/review`)
      .set('authorization', staff)
      .send({ verdict: 'needs-correction', note: '请加盖公章后重新上传' })
      .expect(200);

    const page = await phonePage();
    // The in-app notice reaches 消息 through the outbox dispatcher, whose timing varies on a loaded machine;
    // the correction itself shows on the case at once, which is what this journey answers.
    await page.goto(`${c.baseUrl}/my/cases/${caseId}`);
    await page.getByRole('heading', { name: /办件进度/ }).waitFor();
    await page.getByTestId('stage-tag').filter({ hasText: '待补正' }).waitFor();
    await page.getByTestId('document-correction-notice').waitFor();
    await check(page, '37-phone-case-correction');

    const notice1 = pdfText(await download(page, 'download-correction-notice'));
    expect(notice1).toContain('补正材料一次性告知书');
    expect(notice1).toContain('请加盖公章后重新上传');
    expect(notice1).toContain(caseId);
    const receipt = pdfText(await download(page, 'download-receipt'));
    expect(receipt).toContain('受理回执');
    expect(receipt).toContain(caseId);
    expect(receipt).toMatch(/验证码：\d{8}/);
    expect(receipt).toMatch(/查询码：\d{6}/);
    expect(receipt).toContain('演示签章');

    const fixed = path.join(dir, '盖章后.pdf');
    writeFileSync(fixed, pdf('stamped'));
    await page
      .getByTestId('materials-card')
      .locator(`[data-testid^="material-card-"]`, { hasText: '需补正' })
      .locator('input[type=file]')
      .setInputFiles(fixed);
    await page.getByTestId('materials-card').getByText('盖章后.pdf').waitFor();
    await page.getByTestId('stage-tag').filter({ hasText: '待补正' }).waitFor({ state: 'detached', timeout: 30_000 });
    await page.close();
  });

  test('when the item is approved, then the 电子证照 and the decision download as PDF, a 2-star rating needs a reason and then shows with its rectification', async () => {
    await workFirstItem(eventCaseId, { decision: 'approved', opinion: '准予许可', accepted: true });
    const caseId = `${eventCaseId}-01`;
    const page = await phonePage();
    await page.goto(`${c.baseUrl}/my/cases/${caseId}`);
    await page.getByTestId('rating-card').waitFor();
    await page.getByTestId('document-approval').waitFor({ timeout: 30_000 });
    const approval = pdfText(await download(page, 'download-approval'));
    expect(approval).toContain('准予行政许可决定书');
    expect(approval).toContain('《中华人民共和国行政许可法》第三十八条第一款');
    await page.getByTestId('document-licence').waitFor({ timeout: 30_000 });
    const licence = pdfText(await download(page, 'download-licence'));
    expect(licence).toContain('证照编号');
    expect(licence).toContain(caseId);

    // Nothing is pre-selected; 2 stars ask for a reason from the list before they can be sent.
    expect(await page.getByTestId('rating-card').locator('.ant-rate-star-full').count()).toBe(0);
    await page.getByTestId('rating-card').locator('.ant-rate-star').nth(1).click();
    await page.getByTestId('submit-rating').click();
    await page.getByText('请至少选择一项差评原因').waitFor();
    await page.getByTestId('bad-reasons').getByText('办理时间长、超出承诺时限').click();
    await c.shot(page, '38-phone-rating-reason');
    await page.getByTestId('submit-rating').click();
    await page.getByTestId('rating-done').waitFor();
    await page.reload();
    await page.getByTestId('rating-done').getByText('办理时间长、超出承诺时限').waitFor();
    await page.getByTestId('rectification-progress').waitFor();
    expect(await page.getByTestId('submit-rating').count()).toBe(0);
    await check(page, '39-phone-rated');
    await page.close();
  });

  test('when anyone looks up progress without signing in, then the number and phone open the steps with a masked name only, and wrong pairs are refused alike', async () => {
    const page = await c.context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${c.baseUrl}/lookup`);
    await page.getByTestId('lookup-number').fill(eventCaseId);
    await page.getByTestId('lookup-phone').fill('13800000001');
    await page.getByTestId('lookup-submit').click();
    const result = page.getByTestId('lookup-result');
    await result.waitFor();
    await result.getByText('张*').waitFor();
    expect(await result.innerText()).not.toContain('张三');
    expect(await result.innerText()).not.toContain('610104');
    await check(page, '40-phone-public-lookup');

    await page.getByTestId('lookup-phone').fill('13999999999');
    await page.getByTestId('lookup-submit').click();
    await page.getByRole('alert').getByText('未查到该办件').waitFor();
    await page.close();
  });

  test('when the same pages open on a desktop (1366×768), then they still fit, with tables and the side menu', async () => {
    const page = await c.signIn('zhangsan');
    await page.setViewportSize(DESKTOP);
    for (const [url, heading, shot] of [
      ['/services', '办事服务', '41-desktop-services'],
      ['/my/cases', '我的办件', '42-desktop-my-cases'],
      [`/my/events/${eventCaseId}`, '开办餐饮店一件事', '43-desktop-event-progress'],
      [`/my/cases/${eventCaseId}-01`, '办件进度', '44-desktop-case'],
    ] as const) {
      await page.goto(`${c.baseUrl}${url}`);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await check(page, shot);
    }
    await page.getByTestId('elder-toggle').click();
    await page.reload();
    await page.getByRole('heading', { name: '办件进度' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('hb-elder'))).toBe(true);
    await check(page, '45-desktop-elder-mode');
    await page.getByTestId('elder-toggle').click();
    await page.close();
  });
});
