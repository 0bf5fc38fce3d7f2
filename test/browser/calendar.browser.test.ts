import path from 'node:path';
import { bpmnFixture } from '../helpers/engine-fixtures';
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

describe('节假日安排 in the console', () => {
  test('when a deadline runs into 2027 with no notice, then staff see 暂定 and the admin a warning; once the admin loads the notice, 暂定 is gone', async () => {
    const admin = await c.stack.auth('admin');
    const deployed = await c.stack.http
      .post('/api/definitions')
      .set('authorization', admin)
      .send({ xml: bpmnFixture('timers/calendar-time-limit.bpmn') })
      .expect(201);
    const started = await c.stack.http
      .post('/api/cases')
      .set('authorization', await c.stack.auth('window1'))
      .send({ processKey: deployed.body.key, variables: { acceptedAt: '2026-12-25T10:00:00+08:00', promisedDays: 30, statutoryDays: 30 } })
      .expect(201);
    const caseId = started.body.caseId as string;
    await waitFor(
      async () =>
        (
          await c.stack.http
            .get('/api/tasks')
            .query({ caseId })
            .set('authorization', await c.stack.auth('approver1'))
        ).body.items[0],
    );

    const staff = await c.signIn('approver1');
    await staff.goto(`${c.baseUrl}/cases/${encodeURIComponent(caseId)}`);
    await staff.getByTestId('deadline-decisionDueAt').getByText('暂定').waitFor();
    await c.shot(staff, 'calendar-01-case-provisional');

    const page = await c.signIn('admin');
    await page.getByRole('link', { name: '节假日安排' }).click();
    await page.getByRole('heading', { name: '节假日安排' }).waitFor();
    await page.getByTestId('calendar-warning-2027').waitFor();
    await page.locator('input[type=file]').setInputFiles(path.join(__dirname, '../fixtures/calendar/2027-notice.test-fixture.json'));
    await page.getByTestId('calendar-load').click();
    const result = await page.getByTestId('calendar-result').innerText();
    expect(result).toContain('2027 年放假通知');
    expect(result).toContain('第 1 版');
    await page.getByRole('cell', { name: '已载入放假通知' }).waitFor();
    expect(await page.getByTestId('calendar-warning-2027').count()).toBe(0);
    await c.shot(page, 'calendar-02-admin-loaded');

    await staff.reload();
    await staff.getByTestId('deadline-decisionDueAt').waitFor();
    expect(await staff.getByTestId('deadline-decisionDueAt').getByText('暂定').count()).toBe(0);
    await page.close();
    await staff.close();
  });
});
