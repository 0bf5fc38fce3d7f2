import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { overrideHandlingConfig } from '../../activities/handling/config';
import { pdf } from '../fixtures/materials/make-files';
import { acceptAtFrontDesk, deptAuth, deptInbox } from '../integration/catalog/helpers';
import { waitFor } from '../helpers/wait-for';
import { startConsoleStack, type ConsoleStack } from './browser';
import { DESKTOP, PHONE, phoneChecks } from './phone';

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
  dir = mkdtempSync(path.join(os.tmpdir(), 'haoban-prereview-'));
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

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, pdf(text));
  return p;
}

let prereviewId = '';
let caseId = '';

describe('资料预审, 补正 from the notice and 结果领取 on a phone (390×844, real stack)', () => {
  test('when a citizen asks for 资料预审 from the guide, then the files go up and the desk receives them; the desk asks for one fix in one notice', async () => {
    const page = await phonePage();
    await page.getByLabel('搜索事项').fill('个体工商户');
    await page.getByLabel('搜索事项').press('Enter');
    await page.getByRole('link', { name: '个体工商户设立登记' }).first().click();
    await page.getByTestId('ask-prereview').click();
    await page.getByRole('heading', { name: '资料预审：个体工商户设立登记' }).waitFor();
    await page.getByTestId('prereview-material-RESIDENT_ID').locator('input[type=file]').setInputFiles(file('身份证.pdf', 'id'));
    await page.getByTestId('prereview-material-RESIDENT_ID').getByText('身份证.pdf').waitFor();
    await page.getByTestId('prereview-material-PREMISES_PROOF').locator('input[type=file]').setInputFiles(file('租赁合同.pdf', 'lease v1'));
    await page.getByTestId('prereview-material-PREMISES_PROOF').getByText('租赁合同.pdf').waitFor();
    await check(page, '50-phone-prereview-upload');
    await page.getByTestId('submit-prereview').click();
    await page.getByTestId('prereview-status').filter({ hasText: '待预审' }).waitFor();
    prereviewId = /PR\d{8}-[A-Z0-9]+/.exec(await page.getByText(/已提交预审，预审编号/).innerText())![0];
    await check(page, '51-phone-prereview-submitted');

    // The window's 预审台 (desktop) lists it by the item's name, opens the file, asks for one fix.
    const desk = await c.signIn('window1');
    await desk.goto(`${c.baseUrl}/prereview`);
    await desk.getByRole('row', { name: new RegExp(`${prereviewId}.*个体工商户设立登记`) }).click();
    await desk.getByTestId('prereview-file-PREMISES_PROOF').waitFor();
    const [dl] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('prereview-file-PREMISES_PROOF').click()]);
    expect(dl.suggestedFilename()).toBe('租赁合同.pdf');
    const row = desk.getByRole('row', { name: /住所（经营场所）使用证明/ });
    await row.getByText('需补正').click();
    await row.getByPlaceholder('一次性告知需补正的内容').fill('租赁合同缺少出租方签字');
    await c.shot(desk, '52-desktop-prereview-desk');
    await desk.getByRole('button', { name: '发送预审意见（一次性告知）' }).click();
    await desk.getByText('预审意见已发送申请人').waitFor();
    await desk.close();

    // The citizen's page picks the notes up by itself.
    await page.getByTestId('prereview-status').filter({ hasText: '已出预审意见' }).waitFor({ timeout: 30_000 });
    await page
      .getByTestId('prereview-notice')
      .getByText(/租赁合同缺少出租方签字/)
      .waitFor();
    await page.getByTestId('prereview-row-PREMISES_PROOF').getByText('补正原因：租赁合同缺少出租方签字').waitFor();
    await check(page, '53-phone-prereview-notes');
    await page.close();
  });

  test('when the citizen fixes the file and the desk passes it, then 我的办件 leads back and the formal application needs no upload again', async () => {
    const page = await phonePage();
    await page.goto(`${c.baseUrl}/my/cases`);
    await page.getByTestId('my-prereviews').getByText('请查看预审意见并补正').click();
    await page.getByTestId('prereview-row-PREMISES_PROOF').locator('input[type=file]').setInputFiles(file('租赁合同-签字.pdf', 'lease v2'));
    await page.getByTestId('prereview-row-PREMISES_PROOF').getByText('租赁合同-签字.pdf').waitFor();
    await page.getByTestId('resubmit-prereview').click();
    await page.getByTestId('prereview-status').filter({ hasText: '待预审' }).waitFor();
    await c.stack.http
      .post(`/api/prereview/${prereviewId}/review`)
      .set('authorization', await c.stack.auth('window1'))
      .send({
        materials: [
          { code: 'RESIDENT_ID', status: 'ok' },
          { code: 'PREMISES_PROOF', status: 'ok' },
        ],
      })
      .expect(200);
    await page.getByTestId('apply-with-prereview').click({ timeout: 30_000 });

    await page.getByTestId('prereview-passed').getByText('住所（经营场所）使用证明').waitFor();
    await waitFor(
      async () => ((await page.getByLabel('申请人姓名', { exact: true }).inputValue()) === '张三' ? true : undefined),
      15_000,
      'name prefilled',
    );
    await page.getByLabel('经营场所地址', { exact: true }).fill('莲湖区西大街 1 号');
    await page.getByLabel('经营范围', { exact: true }).fill('餐饮服务');
    expect(await page.locator('input[type=file]').count()).toBe(0);
    await check(page, '54-phone-apply-after-prereview');
    await page.getByTestId('submit-item-application').click();
    await page.getByRole('heading', { name: /办件进度/ }).waitFor({ timeout: 60_000 });
    caseId = /HB\d{8}-[A-Z0-9]+/.exec(page.url())![0];
    await page.getByTestId('materials-card').getByText('租赁合同-签字.pdf').waitFor();
    await page.close();
  });

  test('when staff ask for a correction while the page is open, then the 材料 card and the stage change without a reload, and the notice in 消息 leads to the upload', async () => {
    const page = await phonePage();
    await page.goto(`${c.baseUrl}/my/cases/${caseId}`);
    await page.getByTestId('materials-card').getByText('租赁合同-签字.pdf').waitFor();
    const staff = await deptAuth(c.stack, 'scjgj');
    const list = await c.stack.http.get(`/api/cases/${caseId}/materials`).set('authorization', staff).expect(200);
    const lease = list.body.items.find((i: { code: string }) => i.code === 'PREMISES_PROOF').file as { id: string };
    await c.stack.http
      .post(`/api/cases/${caseId}/materials/${lease.id}/review`)
      .set('authorization', staff)
      .send({ verdict: 'needs-correction', note: '请上传加盖公章的租赁合同' })
      .expect(200);
    // No reload: the page's own refresh brings the card and the stage along.
    await page.getByTestId('materials-card').getByText('补正原因：请上传加盖公章的租赁合同').waitFor({ timeout: 30_000 });
    await page.getByTestId('stage-tag').filter({ hasText: '待补正' }).waitFor({ timeout: 30_000 });

    // The notice reaches 消息 through the outbox dispatcher; open it from there.
    await page.goto(`${c.baseUrl}/my/messages`);
    const notice = page.getByTestId('message').filter({ hasText: '请上传加盖公章的租赁合同' });
    await waitFor(
      async () => {
        if (await notice.count()) return true;
        await page.reload();
        await page.getByRole('heading', { name: '消息' }).waitFor();
        return undefined;
      },
      60_000,
      'correction notice in 消息',
    );
    await check(page, '55-phone-messages-correction');
    await notice.getByTestId('message-open').click();
    await page.getByTestId('stage-tag').filter({ hasText: '待补正' }).waitFor();
    await page.getByTestId('stage-action').getByText('请按一次性告知书补交材料').waitFor();
    await check(page, '56-phone-case-from-notice');
    await page.getByTestId('material-card-PREMISES_PROOF').locator('input[type=file]').setInputFiles(file('租赁合同-盖章.pdf', 'lease v3'));
    await page.getByTestId('materials-card').getByText('租赁合同-盖章.pdf').waitFor();
    await page.getByTestId('stage-tag').filter({ hasText: '待补正' }).waitFor({ state: 'detached', timeout: 30_000 });
    await page.close();
  });

  test('when the case is approved, then the citizen chooses 邮寄 or 领取 in the result view, 我的办件 says 待领取, and the window sees the choice', async () => {
    const staff = await deptAuth(c.stack, 'scjgj');
    for (let i = 0; i < 8; i++) {
      const tasks = await waitFor(async () => {
        await acceptAtFrontDesk(c.stack, caseId);
        return (await deptInbox(c.stack, 'scjgj', caseId)).slice(0, 1);
      }, 15_000).catch(() => []);
      if (!tasks.length) break;
      await c.stack.http
        .post(`/api/tasks/${tasks[0].id}/complete`)
        .set('authorization', staff)
        .send({ variables: { accepted: true, decision: 'approved', opinion: '准予登记' } })
        .expect(200);
    }
    const page = await phonePage();
    await page.goto(`${c.baseUrl}/my/cases/${caseId}`);
    const card = page.getByTestId('delivery-card');
    await card.waitFor({ timeout: 30_000 });
    await card.getByText('免费邮寄到家').click();
    await card.getByTestId('delivery-save').click();
    await card.getByText('请填写详细的邮寄地址').waitFor();
    await card.getByLabel('邮寄地址').fill('莲湖区西大街 1 号 3 单元');
    await card.getByLabel('收件人电话').fill('13800000001');
    await check(page, '57-phone-delivery-mail');
    await card.getByTestId('delivery-save').click();
    await card.getByTestId('delivery-summary').getByText('莲湖区西大街 1 号 3 单元，张三，13800000001').waitFor();
    await card.getByTestId('delivery-change').click();
    await card.getByText('到窗口领取').click();
    await card.getByTestId('delivery-save').click();
    await card.getByTestId('delivery-summary').getByText('窗口领取').waitFor();
    await page.getByTestId('stage-tag').filter({ hasText: '待领取' }).waitFor();
    await check(page, '58-phone-delivery-pickup');
    await page.goto(`${c.baseUrl}/my/cases`);
    await page.getByTestId('case-card').filter({ hasText: caseId }).getByText('待领取').waitFor();
    await check(page, '59-phone-my-cases-pickup');
    await page.close();

    const window = await c.signIn('window1');
    await window.setViewportSize(DESKTOP);
    await window.goto(`${c.baseUrl}/cases/${caseId}`);
    await window.getByTestId('delivery-staff').getByText('窗口领取').waitFor();
    await c.shot(window, '60-desktop-case-delivery-staff');
    await window.getByTestId('delivery-confirm').click();
    await window.getByTestId('delivery-staff').getByText('已送达').waitFor();
    await window.close();
  });

  test('when the same pages open on a desktop (1366×768), then they fit too', async () => {
    const page = await c.signIn('zhangsan');
    await page.setViewportSize(DESKTOP);
    const code = '000120006000-610104000000-000-11610104MB2984105E-1-00';
    for (const [url, heading, shot] of [
      [`/my/prereviews/new/${code}`, '资料预审：个体工商户设立登记', '61-desktop-prereview-new'],
      [`/my/prereviews/${prereviewId}`, '资料预审', '62-desktop-prereview-used'],
      [`/my/cases/${caseId}`, '办件进度', '63-desktop-case-delivered'],
    ] as const) {
      await page.goto(`${c.baseUrl}${url}`);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await check(page, shot);
    }
    await page.getByTestId('delivery-summary').getByText('已送达').waitFor();
    await page.close();
  });
});
