import type { Page } from 'playwright-core';
import { pdf } from '../fixtures/materials/make-files';
import { pdfText } from '../helpers/pdf-text';
import { waitFor } from '../helpers/wait-for';
import { startConsoleStack, type ConsoleStack } from './browser';

jest.setTimeout(180_000);

/** 食品经营许可（新办）: its own process starts at the 区市场监督管理局; 无差别受理 puts the 综合窗口 first. */
const FOOD_ITEM = '000120002000-610104000000-000-11610104MB2984105E-1-00';

let c: ConsoleStack;
beforeAll(async () => {
  c = await startConsoleStack();
}, 180_000);
afterAll(async () => {
  await c?.stop();
});

async function applyForFoodLicence(applicantName: string, companyName: string): Promise<string> {
  const res = await c.stack.http
    .post('/api/cases')
    .set('authorization', await c.stack.auth('zhangsan'))
    .send({
      processKey: 'item-food-licence',
      itemCode: FOOD_ITEM,
      title: '食品经营许可（新办）',
      variables: { applicantName, companyName, contactPhone: '13700000099' },
    })
    .expect(201);
  const caseId = res.body.caseId as string;
  await c.stack.http
    .post(`/api/cases/${caseId}/materials`)
    .set('authorization', await c.stack.auth('zhangsan'))
    .field('code', 'PREMISES_LAYOUT')
    .attach('file', pdf('layout'), { filename: '经营场所平面布局图.pdf', contentType: 'application/pdf' })
    .expect(201);
  return caseId;
}

/** Opens the case's 受理 task from the window's inbox, found by its number. */
async function openAcceptDesk(page: Page, caseId: string) {
  await page.getByRole('heading', { name: '待办任务' }).waitFor();
  const box = page.getByTestId('inbox-search').locator('input');
  await box.fill(caseId);
  await box.press('Enter');
  const row = page.getByRole('row').filter({ hasText: caseId });
  await row.getByRole('button', { name: '办理' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('desk-case').waitFor();
  return dialog;
}

async function pdfOf(caseId: string, kind: string): Promise<string> {
  const doc = await waitFor(() =>
    c.stack.db.prisma.caseDocument.findFirst({ where: { caseId, kind }, orderBy: { version: 'desc' } }).then((d) => d ?? undefined),
  );
  // The PDF wraps long lines: compare without line breaks.
  return pdfText(Buffer.from(doc.content)).replace(/\s+/g, '');
}

describe('the 受理 desk (headless Chromium, real stack)', () => {
  test('when an item application arrives, then it waits at the 综合窗口 and the window accepts it with the application and materials open; then it goes to the department', async () => {
    const caseId = await applyForFoodLicence('周五', '周记面馆有限公司');
    const first = await c.stack.http
      .get('/api/tasks')
      .query({ caseId })
      .set('authorization', await c.stack.auth('window1'));
    expect(first.body.items.map((t: { elementId: string; candidateGroups: string[] }) => [t.elementId, t.candidateGroups])).toEqual([
      ['front_desk_accept', ['window']],
    ]);

    const page = await c.signIn('window1');
    // 申请人 by name in the inbox.
    const dialog = await openAcceptDesk(page, caseId);
    expect(await dialog.getByTestId('desk-case').innerText()).toContain('周五');
    expect(await dialog.getByTestId('application-fields').innerText()).toContain('周记面馆有限公司');
    await dialog.getByText('经营场所平面布局图.pdf').waitFor();
    // 预览 opens the PDF in the browser's own viewer, in a new tab.
    const [viewer] = await Promise.all([page.waitForEvent('popup'), dialog.getByTestId('preview-PREMISES_LAYOUT').click()]);
    await viewer.waitForURL(/^blob:/);
    await viewer.close();
    await c.shot(page, 'desk-07-accept-with-file-open');

    await dialog.getByTestId('task-opinion').fill('材料齐全，符合法定形式，予以受理');
    await dialog.getByTestId('task-submit').click();
    await page.getByText('「综合窗口受理」已办理').waitFor();
    // The department's officer now has it (the window no longer lists it).
    const next = await waitFor(async () => {
      const open = await c.stack.db.prisma.task.findMany({ where: { caseId, status: 'open' } });
      return open.length ? open : undefined;
    });
    expect(next.map((t: { elementId: string; candidateGroups: string[] }) => [t.elementId, t.candidateGroups])).toEqual([
      ['review', ['dept-scjgj']],
    ]);
    await page.close();
  });

  test('when materials are missing, then the window lists every one in one 一次性告知, opens the notice, and the clock stops while the task stays open', async () => {
    const caseId = await applyForFoodLicence('吴六', '吴家小厨有限公司');
    const page = await c.signIn('window1');
    const dialog = await openAcceptDesk(page, caseId);
    await dialog.getByTestId('desk-decision').getByText('一次性告知补正').click();
    // Materials not handed in are ticked with a reason to start with; the uploaded plan is added by hand.
    await dialog.getByTestId('correction-item-PREMISES_LAYOUT').getByRole('checkbox').check();
    await dialog.getByTestId('correction-reason-PREMISES_LAYOUT').fill('未标明功能分区和设备布局');
    await c.shot(page, 'desk-08-correction-list');
    await dialog.getByTestId('task-submit').click();
    await dialog.getByText('已一次性告知申请人补正，办理时限暂停计时').waitFor();
    const [notice] = await Promise.all([page.waitForEvent('popup'), dialog.getByTestId('desk-open-document').click()]);
    await notice.waitForURL(/^blob:/);
    await notice.close();
    await c.shot(page, 'desk-09-correction-notice-issued');

    const text = await pdfOf(caseId, 'correction-notice');
    expect(text).toContain('补正材料一次性告知书');
    expect(text).toContain('未标明功能分区和设备布局');
    const asked = await c.stack.db.prisma.caseCorrection.findFirst({ where: { caseId } });
    const items = asked!.items as { code: string }[];
    expect(items.length).toBeGreaterThan(1);
    expect(items.map((i) => i.code)).toContain('PREMISES_LAYOUT');
    const view = await c.stack.http.get(`/api/cases/${caseId}`).set('authorization', await c.stack.auth('window1'));
    expect(view.body.clockPauses.at(-1)).toMatchObject({ reason: expect.stringContaining('第三十二条') });
    expect(view.body.clockPauses.at(-1).to).toBeUndefined();
    expect(view.body.openTasks.map((t: { elementId: string }) => t.elementId)).toEqual(['front_desk_accept']);
    // The applicant's checklist shows every listed material as 需补正.
    const checklist = await c.stack.http.get(`/api/cases/${caseId}/materials`).set('authorization', await c.stack.auth('zhangsan'));
    for (const i of items) expect(checklist.body.items.find((m: { code: string }) => m.code === i.code).state).toBe('needs-correction');

    await dialog.getByTestId('desk-finish').click();
    // Opened again, the desk says the clock is paused.
    const again = await openAcceptDesk(page, caseId);
    await again.getByTestId('desk-paused').waitFor();
    await again.getByRole('button', { name: '取消' }).click();

    // The applicant hands in the plan again; the window accepts and the clock runs again.
    await c.stack.http
      .post(`/api/cases/${caseId}/materials`)
      .set('authorization', await c.stack.auth('zhangsan'))
      .field('code', 'PREMISES_LAYOUT')
      .attach('file', pdf('layout v2'), { filename: '经营场所平面布局图（补正）.pdf', contentType: 'application/pdf' })
      .expect(201);
    const third = await openAcceptDesk(page, caseId);
    await third.getByText('经营场所平面布局图（补正）.pdf').waitFor();
    await third.getByTestId('task-opinion').fill('补正材料齐全，予以受理');
    await third.getByTestId('task-submit').click();
    await page.getByText('「综合窗口受理」已办理').waitFor();
    const after = await c.stack.http.get(`/api/cases/${caseId}`).set('authorization', await c.stack.auth('window1'));
    expect(after.body.clockPauses.at(-1).to).toBeDefined();
    await page.close();
  });

  test('when the window refuses an application with a reason, then the case ends and the 不予受理决定书 carries the reason', async () => {
    const caseId = await applyForFoodLicence('郑七', '郑记烧烤有限公司');
    const page = await c.signIn('window1');
    const dialog = await openAcceptDesk(page, caseId);
    await dialog.getByTestId('desk-decision').getByText('不予受理').click();
    await dialog.getByTestId('task-submit').click();
    await dialog.getByText('请写明不予受理的理由').waitFor();
    await dialog.getByTestId('reject-reason').fill('申请事项依法不属于本机关职权范围');
    await dialog.getByTestId('task-submit').click();
    await dialog.getByText('已作出不予受理决定').waitFor();
    const [decision] = await Promise.all([page.waitForEvent('popup'), dialog.getByTestId('desk-open-document').click()]);
    await decision.waitForURL(/^blob:/);
    await decision.close();
    await c.shot(page, 'desk-10-rejection-decision');
    expect(await pdfOf(caseId, 'rejection')).toContain('申请事项依法不属于本机关职权范围');
    await waitFor(async () =>
      (await c.stack.db.prisma.case.findUnique({ where: { id: caseId } }))?.status === 'completed' ? true : undefined,
    );
    await dialog.getByTestId('desk-finish').click();
    await page.close();
  });
});
