import { waitFor } from '../helpers/wait-for';
import { acceptAtFrontDesk, deptAuth, deptInbox, NEWBORN_FORM } from '../integration/catalog/helpers';
import { startConsoleStack, type ConsoleStack } from './browser';

jest.setTimeout(120_000);

let c: ConsoleStack;
beforeAll(async () => {
  c = await startConsoleStack();
}, 180_000);
afterAll(async () => {
  await c?.stop();
});

describe('一件事 in the console (headless Chromium, real stack)', () => {
  test('when an applicant follows a 一件事, then 我的办件 shows one combined case and its page lists every department’s item as it advances', async () => {
    const started = await c.stack.http
      .post('/api/events/EV-NEWBORN/cases')
      .set('authorization', await c.stack.auth('zhangsan'))
      .send({ form: NEWBORN_FORM, materials: { deferrals: ['PHOTO'] } })
      .expect(201);
    const eventCaseId = started.body.eventCaseId as string;

    const page = await c.signIn('zhangsan');
    await page.getByRole('link', { name: '我的办件' }).click();
    const link = page.getByRole('link', { name: eventCaseId });
    await link.waitFor();
    // The items run inside the combined case: none of them is listed on its own.
    await page.getByRole('cell', { name: /出生医学证明首次签发/ }).waitFor({ state: 'detached' });
    await c.shot(page, '04b-applicant-my-cases-with-event');

    await link.click();
    await page.getByRole('heading', { name: '一件事：新生儿出生一件事' }).waitFor();
    await page.getByRole('row', { name: /出生医学证明首次签发.*办理中/ }).waitFor();
    await page.getByRole('row', { name: /出生登记（户口登记）.*等待前置事项/ }).waitFor();
    await page.getByText(/应交 16 份，实交 1 份/).waitFor();

    // The health commission approves the first item; the page refreshes by itself and the 户口 item starts.
    const task = await waitFor(async () => {
      await acceptAtFrontDesk(c.stack, eventCaseId);
      return (await deptInbox(c.stack, 'wjj', eventCaseId))[0];
    });
    await c.stack.http
      .post(`/api/tasks/${task.id}/complete`)
      .set('authorization', await deptAuth(c.stack, 'wjj'))
      .send({ variables: { decision: 'approved', opinion: '准予签发' } })
      .expect(200);
    await page.getByRole('row', { name: /出生医学证明首次签发.*已办结/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('row', { name: /出生登记（户口登记）.*办理中/ }).waitFor({ timeout: 30_000 });
    await c.shot(page, '04c-applicant-event-case-progress');

    await page.getByRole('link', { name: '出生医学证明首次签发' }).click();
    await page
      .getByRole('heading', { name: /办件进度|出生医学证明/ })
      .first()
      .waitFor();
    await page.close();
  });
});
