import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import notice2027 from '../../fixtures/calendar/2027-notice.test-fixture.json';
import { addWorkingDays, compileNotice } from '../../../workflows/calendar';
import type { CaseView } from '../../../workflows/messages';
import { createCalendarService } from '../../../server/services/calendar.service';
import { deployFixture, startCaseAsWindow } from '../../helpers/engine-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

let stack: TestStack;
let connection: Connection;

beforeAll(async () => {
  stack = await startTestStack();
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS as string });
}, 60_000);

afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

/** With SAVE_HISTORIES=1, keeps the case's history for the replay test (determinism of later versions). */
async function saveHistory(caseId: string, name: string) {
  if (!process.env.SAVE_HISTORIES) return;
  const history = await new Client({ connection }).workflow.getHandle(`case-${caseId}`).fetchHistory();
  writeFileSync(path.resolve(__dirname, '../../replay/histories', `${name}.json`), JSON.stringify(history));
}

/** 24:00 of an official (UTC+8) date, as the UTC instant the API stores. */
const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
type Detail = CaseView & { deadlines: { name: string; dueAt: string; provisional: boolean }[] };
const detail = async (caseId: string): Promise<Detail> =>
  (await stack.http.get(`/api/cases/${caseId}`).set('authorization', await stack.auth('approver1'))).body as Detail;
const timerOf = (view: CaseView) => view.waiting?.find((w) => w.elementId === 'overdue')?.dueAt as string;

describe('next year’s calendar: provisional until the notice is loaded, then corrected with running timers moved', () => {
  test('when a 承诺件 accepted on 2026-12-25 runs 30 working days into 2027, then it is provisional at the end of 02-10 and moves to the end of 02-15 once the 2027 notice is loaded', async () => {
    const key = await deployFixture(stack, 'timers/calendar-time-limit.bpmn');
    const started = await startCaseAsWindow(stack, key, { acceptedAt: '2026-12-25T10:00:00+08:00', promisedDays: 30, statutoryDays: 30 });
    const before = await waitFor(async () => {
      const d = await detail(started.caseId);
      return d.openTasks.some((t) => t.elementId === 'decide') ? d : undefined;
    });
    // Hand count without a 2027 notice (weekends, 元旦 01-01, 春节 除夕 02-05 … 初三 02-08 off):
    // 01-25 is the 20th working day, 01-26..29 (24), 02-01..04 (28), 02-09 (29), 02-10 (30).
    expect(before.variables.decisionDueAt).toBe(endOf('2027-02-10'));
    expect(before.deadlines.find((d) => d.name === 'decisionDueAt')).toMatchObject({ dueAt: endOf('2027-02-10'), provisional: true });
    const task = await waitFor(
      async () =>
        (await stack.http.get(`/api/tasks?caseId=${started.caseId}`).set('authorization', await stack.auth('approver1'))).body.items[0],
    );
    expect(task).toMatchObject({ elementId: 'decide', dueAt: endOf('2027-02-10'), dueProvisional: true });
    const timerBefore = timerOf(before);
    const timerStart = before.path.find((p) => p.elementId === 'decide')?.at ?? new Date().toISOString();

    const health = await stack.http.get('/healthz');
    expect(health.body.calendar.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'CALENDAR_YEAR_MISSING', year: 2027 })]),
    );

    const admin = await stack.auth('admin');
    const refused = await stack.http
      .post('/api/calendar/notices')
      .set('authorization', await stack.auth('window1'))
      .send(notice2027);
    expect(refused.status).toBe(403);
    const bad = await stack.http
      .post('/api/calendar/notices')
      .set('authorization', admin)
      .send({ ...notice2027, workdays: ['2027-02-17'] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('workdays');
    expect(await stack.db.prisma.calendarNotice.count()).toBe(0);

    const loaded = await stack.http.post('/api/calendar/notices').set('authorization', admin).send(notice2027);
    expect(loaded.status).toBe(201);
    expect(loaded.body).toMatchObject({ year: 2027, version: 1, status: 'created', failures: [] });
    expect(loaded.body.casesUpdated).toBeGreaterThanOrEqual(1);

    // With the notice (春节 02-05..11 off): 02-04 is the 28th working day, 02-12 (29), 02-15 (30).
    const after = await detail(started.caseId);
    expect(after.variables.decisionDueAt).toBe(endOf('2027-02-15'));
    expect(after.deadlines.find((d) => d.name === 'decisionDueAt')).toMatchObject({ dueAt: endOf('2027-02-15'), provisional: false });
    const calendar = { '2027': compileNotice(notice2027) };
    expect(timerOf(after)).toBe(addWorkingDays(timerStart, 50, { calendar }));
    expect(timerOf(after)).not.toBe(timerBefore);
    const row = await stack.db.prisma.case.findUniqueOrThrow({ where: { id: started.caseId } });
    expect((row.variables as Record<string, unknown>).decisionDueAt).toBe(endOf('2027-02-15'));
    // The 决定 task is due on the decision deadline: it moves too, in the case view and in the inbox.
    expect(after.openTasks.find((t) => t.elementId === 'decide')?.dueAt).toBe(endOf('2027-02-15'));
    const moved = (await stack.http.get(`/api/tasks?caseId=${started.caseId}`).set('authorization', await stack.auth('approver1'))).body
      .items[0];
    expect(moved).toMatchObject({ dueAt: endOf('2027-02-15'), dueProvisional: false });
    const audit = await waitFor(() =>
      stack.db.prisma.auditEvent.findFirst({ where: { caseId: started.caseId, action: 'calendar.applied' } }).then((r) => r ?? undefined),
    );
    expect(audit.before).toMatchObject({ deadlines: { decisionDueAt: endOf('2027-02-10') } });
    expect(audit.after).toMatchObject({ deadlines: { decisionDueAt: endOf('2027-02-15') } });
    expect(audit.details).toMatchObject({ year: 2027, notice: notice2027.notice });
    // The applicant is told the new date (the same outbox as every notice).
    const told = await waitFor(() =>
      stack.db.prisma.notificationOutbox
        .findFirst({ where: { caseId: started.caseId, idempotencyKey: { contains: ':calendar:2027:' } } })
        .then((r) => r ?? undefined),
    );
    expect(JSON.stringify(told)).toContain(endOf('2027-02-15'));

    const again = await stack.http.post('/api/calendar/notices').set('authorization', admin).send(notice2027);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 1, status: 'unchanged' });
    const status = await stack.http.get('/api/calendar').set('authorization', admin);
    expect(status.body.years).toEqual(
      expect.arrayContaining([expect.objectContaining({ year: 2027, source: 'notice', notice: notice2027.notice, version: 1 })]),
    );
    expect(status.body.warnings.some((w: { year: number }) => w.year === 2027)).toBe(false);
    expect((await stack.http.get('/healthz')).body.calendar.warnings.some((w: { year: number }) => w.year === 2027)).toBe(false);
    await saveHistory(started.caseId, 'calendar-notice-loaded');
  }, 90_000);

  test('when the clock is paused and resumed through the API, then the decision deadline people see moves with the timers', async () => {
    const key = await deployFixture(stack, 'timers/calendar-time-limit.bpmn');
    // Accepted yesterday: today is inside the period, so a pause today (both ends counted) moves it.
    const acceptedAt = new Date(Date.now() - 86_400_000).toISOString();
    const started = await startCaseAsWindow(stack, key, { acceptedAt, promisedDays: 10, statutoryDays: 20 });
    const staff = await stack.auth('approver1');
    const before = await waitFor(async () => {
      const d = await detail(started.caseId);
      return typeof d.variables.decisionDueAt === 'string' ? d : undefined;
    });
    expect(
      (await stack.http.post(`/api/cases/${started.caseId}/clock/pause`).set('authorization', staff).send({ reason: '专家评审' })).status,
    ).toBe(200);
    const resumed = await stack.http.post(`/api/cases/${started.caseId}/clock/resume`).set('authorization', staff).send({});
    expect(resumed.status).toBe(200);
    const pauses = (resumed.body as CaseView).clockPauses!.map((p) => ({ from: p.from, to: p.to as string }));
    // E.g. run on Tue 2026-12-01, accepted Mon 11-30 + 10 WD = end of 12-14; a pause on 12-01 moves it to the end of 12-15.
    const calendar = { '2027': compileNotice(notice2027) };
    const expected = addWorkingDays(acceptedAt, 10, { pauses, calendar });
    expect(resumed.body.variables.decisionDueAt).toBe(expected);
    const after = await detail(started.caseId);
    expect(after.deadlines.find((d) => d.name === 'decisionDueAt')?.dueAt).toBe(expected);
    const row = await waitFor(() =>
      stack.db.prisma.case
        .findUnique({ where: { id: started.caseId } })
        .then((r) => ((r?.variables as Record<string, unknown>)?.decisionDueAt === expected ? r : undefined)),
    );
    expect(row).toBeDefined();
    expect(resumed.body.openTasks.find((t: { elementId: string }) => t.elementId === 'decide')?.dueAt).toBe(expected);
    const task = await waitFor(async () => {
      const t = (await stack.http.get(`/api/tasks?caseId=${started.caseId}`).set('authorization', staff)).body.items[0];
      return t?.dueAt === expected ? t : undefined;
    });
    expect(task.elementId).toBe('decide');
    const told = await waitFor(() =>
      stack.db.prisma.notificationOutbox
        .findFirst({ where: { caseId: started.caseId, idempotencyKey: { contains: ':clock:' } } })
        .then((r) => r ?? undefined),
    );
    expect(JSON.stringify(told)).toContain(expected);
    await saveHistory(started.caseId, 'deadlines-follow-clock');
    expect(before.variables.decisionDueAt).toBe(addWorkingDays(acceptedAt, 10, { calendar }));
  }, 90_000);

  test('when definitions/calendar holds a changed notice and a bad file at start-up, then the notice becomes the next version and the bad file is reported and skipped', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'calendar-'));
    writeFileSync(path.join(dir, '2027.json'), JSON.stringify({ ...notice2027, notice: '测试用〔2026〕2号' }));
    writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify({ ...notice2027, holidays: [{ name: '元旦', from: '2027-01-03', to: '2027-01-01' }] }),
    );
    writeFileSync(path.join(dir, 'README.md'), 'not a notice');
    const warned: string[] = [];
    const logger = { warn: (_o: unknown, msg: string) => warned.push(msg) } as unknown as Parameters<
      ReturnType<typeof createCalendarService>['loadDirectory']
    >[1];
    const results = await createCalendarService({ prisma: stack.db.prisma }).loadDirectory(dir, logger);
    expect(results).toEqual([expect.objectContaining({ year: 2027, version: 2, notice: '测试用〔2026〕2号', status: 'created' })]);
    expect(warned).toEqual([expect.stringMatching(/^calendar bad\.json: holidays\.0\.to: .*结束日期早于开始日期/)]);
    const versions = await stack.http.get('/api/calendar/notices/2027').set('authorization', await stack.auth('supervisor1'));
    expect(versions.body.items.map((v: { version: number; source: string }) => [v.version, v.source])).toEqual([
      [2, 'file'],
      [1, 'api'],
    ]);
    const audit = await stack.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'calendar.loaded', actor: 'system' } });
    expect(audit.before).toMatchObject({ version: 1 });
    expect(audit.after).toMatchObject({ year: 2027, version: 2, notice: '测试用〔2026〕2号' });
  });
});
