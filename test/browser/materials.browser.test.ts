import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pdf } from '../fixtures/materials/make-files';
import { waitFor } from '../helpers/wait-for';
import { startConsoleStack, type ConsoleStack } from './browser';

jest.setTimeout(180_000);

/** 食品经营许可（新办）: PREMISES_LAYOUT core (upload), FOOD_SAFETY_SYSTEM (告知承诺), HEALTH_CERT (容缺 allowed). */
const FOOD_ITEM = '000120002000-610104000000-000-11610104MB2984105E-1-00';

let c: ConsoleStack;
let dir: string;
beforeAll(async () => {
  c = await startConsoleStack();
  dir = mkdtempSync(path.join(os.tmpdir(), 'haoban-materials-'));
}, 180_000);
afterAll(async () => {
  await c?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('application materials in the console (headless Chromium, real stack)', () => {
  test('when an applicant uploads a PDF at apply time, then staff download it and ask for a correction, and the applicant re-uploads from the progress page', async () => {
    const layout = path.join(dir, '经营场所平面布局图.pdf');
    const layoutBytes = pdf('layout v1');
    writeFileSync(layout, layoutBytes);

    // Apply: the item form, the materials (file, 告知承诺, 容缺) and the handling mode.
    const page = await c.signIn('zhangsan');
    await page.goto(`${c.baseUrl}/apply/item/${FOOD_ITEM}`);
    await page.getByRole('heading', { name: /在线申请：食品经营许可/ }).waitFor();
    await page.getByLabel('企业名称').fill('好味面馆有限公司');
    await page.getByLabel('经营场所地址').fill('莲湖区西大街 1 号');
    for (const [label, option] of [
      ['拟经营业态', '餐饮服务'],
      ['原店铺业态', '无'],
    ]) {
      await page.getByLabel(label, { exact: true }).click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
    }
    await page.getByLabel('是否改变建筑主体结构').click();
    await page.getByLabel('原店铺是否取得过同类许可').click();
    await page.getByLabel('经营面积（平方米）').fill('80');

    const materials = page.getByTestId('apply-materials');
    await materials.getByText('核心要件不得容缺').first().waitFor();
    await materials.locator('tr', { hasText: '经营场所平面布局图' }).locator('input[type=file]').setInputFiles(layout);
    await materials.getByText('经营场所平面布局图.pdf').waitFor();
    await page.getByTestId('choice-FOOD_SAFETY_SYSTEM').getByText('告知承诺').click();
    await page.getByTestId('choice-HEALTH_CERT').getByText('容缺后补').click();
    // Choosing 容缺 switches the handling mode to 容缺受理.
    expect(await page.getByTestId('handling-mode').locator('.ant-radio-wrapper-checked').innerText()).toContain('容缺受理');
    await page.getByTestId('submit-item-application').click();
    await page.getByText('须签署《申请容缺受理承诺书》').waitFor();
    await page.getByTestId('deferral-letter').check();
    await page.getByTestId('commitment-signed').check();
    await c.shot(page, '20-applicant-apply-item-materials');
    await page.getByTestId('submit-item-application').click();

    // Progress: the checklist with its statuses.
    await page.waitForURL(/\/my\/cases\/HB\d{8}-/);
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const card = page.getByTestId('materials-card');
    await card.getByTestId('state-PREMISES_LAYOUT').getByText('已提交').waitFor();
    expect(await card.getByTestId('state-HEALTH_CERT').innerText()).toBe('容缺待补');
    expect(await card.getByTestId('state-FOOD_SAFETY_SYSTEM').innerText()).toBe('已承诺');
    // The 容缺 deadline reaches the read model a moment after the case starts; the card shows it once loaded after that.
    await waitFor(
      async () => {
        if ((await card.getByText(/前补齐/).count()) > 0) return true;
        await page.reload();
        await card.getByTestId('state-HEALTH_CERT').waitFor();
        return undefined;
      },
      30_000,
      'the 容缺 deadline in the materials card',
    );
    await card.scrollIntoViewIfNeeded();
    await c.shot(page, '21-applicant-progress-materials');

    // Staff: the case page lists the file; the download is the same bytes; ask for a correction.
    const staff = await c.signIn('window1');
    await staff.goto(`${c.baseUrl}/cases/${caseId}`);
    const app = staff.getByTestId('case-application');
    await app.getByTestId('download-PREMISES_LAYOUT').waitFor();
    // At a 1366×768 window the materials table fits: nothing scrolls sideways.
    expect(await staff.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    const [download] = await Promise.all([staff.waitForEvent('download'), app.getByTestId('download-PREMISES_LAYOUT').click()]);
    expect(download.suggestedFilename()).toBe('经营场所平面布局图.pdf');
    expect(sha(readFileSync((await download.path())!))).toBe(sha(layoutBytes));
    await app.getByTestId('correct-PREMISES_LAYOUT').click();
    await staff.getByTestId('correction-submit').click();
    await staff.getByText('请写明需补正的原因').waitFor();
    await staff.getByTestId('correction-note').fill('未标明功能分区和设备布局，请补充后重新上传');
    await c.shot(staff, '22-window-material-correction');
    await staff.getByTestId('correction-submit').click();
    await staff.getByText('已告知申请人补正').waitFor();
    await app.getByTestId('state-PREMISES_LAYOUT').getByText('需补正').waitFor();
    await staff.getByTestId('case-timeline').getByText('材料审查').first().waitFor();
    expect(await staff.getByTestId('case-timeline').innerText()).toContain('提交材料');
    await app.scrollIntoViewIfNeeded();
    await c.shot(staff, '23-window-case-materials');

    // The applicant sees what is needed, with the reason, and uploads again.
    await page.reload();
    await card.getByTestId('state-PREMISES_LAYOUT').getByText('需补正').waitFor();
    await page.getByTestId('what-next').getByText('未标明功能分区和设备布局').waitFor();
    await card.getByText('补正原因：未标明功能分区和设备布局，请补充后重新上传').waitFor();
    await card.scrollIntoViewIfNeeded();
    await c.shot(page, '24-applicant-needs-correction');
    const fixed = path.join(dir, '经营场所平面布局图（修改）.pdf');
    writeFileSync(fixed, pdf('layout v2'));
    await card.locator('tr', { hasText: '经营场所平面布局图' }).locator('input[type=file]').setInputFiles(fixed);
    await page.getByText('「经营场所平面布局图（含功能分区、设备布局）」已上传').waitFor();
    await card.getByTestId('state-PREMISES_LAYOUT').getByText('已提交').waitFor();
    await card.getByText('经营场所平面布局图（修改）.pdf').waitFor();
    await c.shot(page, '25-applicant-reuploaded');

    const list = await c.stack.http.get(`/api/cases/${caseId}/materials`).set('authorization', await c.stack.auth('window1'));
    const entry = list.body.items.find((i: { code: string }) => i.code === 'PREMISES_LAYOUT');
    expect(entry).toMatchObject({
      state: 'submitted',
      file: { fileName: '经营场所平面布局图（修改）.pdf' },
      history: [{ status: 'superseded', fileName: '经营场所平面布局图.pdf' }],
    });
    await staff.close();
    await page.close();
  });

  test('when an applicant applies to a general process with an attachment, then it is uploaded to the new case', async () => {
    const file = path.join(dir, '申请说明.pdf');
    writeFileSync(file, pdf('note'));
    const page = await c.signIn('lisi');
    await page.goto(`${c.baseUrl}/apply/general-approval`);
    await page.getByLabel('申请主体名称（个人姓名或企业名称）').fill('平安药房');
    await page.getByLabel('联系人').fill('李四');
    await page.getByLabel('联系电话').fill('13912345678');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('attachments').getByText('申请说明.pdf').waitFor();
    await page.getByTestId('submit-application').click();
    await page.waitForURL(/\/my\/cases\/HB\d{8}-/);
    await page.getByTestId('materials-card').getByText('申请说明.pdf').waitFor();
    await c.shot(page, '26-applicant-general-attachment');
    await page.close();
  });
});
