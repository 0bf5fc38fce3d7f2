import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { VARIABLES_LIMIT_BYTES, type Variables } from '../../../workflows/engine/model';
import { caseStateQuery, type CaseView } from '../../../workflows/messages';
import { bpmnFixture, deployFixture, startCaseAsWindow } from '../../helpers/engine-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

let stack: TestStack;
let client: Client;
let connection: Connection;

beforeAll(async () => {
  stack = await startTestStack();
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS as string });
  client = new Client({ connection });
}, 60_000);

afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

const deploy = (rel: string) => deployFixture(stack, rel);
const startCase = (processKey: string, variables: Variables = {}) => startCaseAsWindow(stack, processKey, variables);
const live = (caseId: string) => client.workflow.getHandle(`case-${caseId}`).query(caseStateQuery);
const until = (caseId: string, ok: (v: CaseView) => boolean, what: string, ms = 30_000) =>
  waitFor(
    async () => {
      const v = await live(caseId);
      return ok(v) ? v : undefined;
    },
    ms,
    `${caseId}: ${what}`,
  );
const openTask = (caseId: string, elementId: string) =>
  waitFor(
    () => stack.db.prisma.task.findFirst({ where: { caseId, elementId, status: 'open' } }).then((t) => t ?? undefined),
    30_000,
    `task ${elementId} of ${caseId}`,
  );
const complete = async (taskId: string, variables: Variables = {}) =>
  stack.http
    .post(`/api/tasks/${taskId}/complete`)
    .set('authorization', await stack.auth('admin'))
    .send({ variables });
const publish = async (caseId: string, body: Record<string, unknown>) =>
  stack.http
    .post(`/api/cases/${caseId}/messages`)
    .set('authorization', await stack.auth('window1'))
    .send(body);

/** With SAVE_HISTORIES=1 the run is kept for the replay test. */
async function saveHistory(caseId: string, name: string) {
  if (!process.env.SAVE_HISTORIES) return;
  const history = await client.workflow.getHandle(`case-${caseId}`).fetchHistory();
  writeFileSync(path.resolve(__dirname, '../../replay/histories', `${name}.json`), JSON.stringify(history));
}

describe('BPMN errors and escalations from a called case', () => {
  beforeAll(async () => {
    await deploy('call/valid-throwing-child.bpmn');
    await deploy('call/valid-catching-parent.bpmn');
  }, 30_000);

  test('when the child case ends with an uncaught MATERIALS_MISSING error, then the parent’s error boundary catches it with the error’s variables', async () => {
    const started = await startCase('catching-parent', { mode: 'error', item: '营业执照' });
    const view = await until(started.caseId, (v) => v.openTasks.some((t) => t.elementId === 'handle_missing'), 'error boundary taken');
    expect(view.variables.reason).toBe('缺少营业执照');
    expect(view.activeElements).toEqual(['handle_missing']);
    expect(view.incidents).toEqual([]);
    const child = await waitFor(() =>
      stack.db.prisma.case.findFirst({ where: { id: { startsWith: `${started.caseId}.` }, status: 'failed' } }).then((c) => c ?? undefined),
    );
    const childView = await client.workflow.getHandle(child.workflowId).query(caseStateQuery);
    expect(childView.thrown).toMatchObject({ code: 'MATERIALS_MISSING', elementId: 'missing_end' });
    await complete((await openTask(started.caseId, 'handle_missing')).id);
    const done = await until(started.caseId, (v) => v.status === 'completed', 'completed');
    expect(done.path.map((p) => p.elementId)).toEqual(
      expect.arrayContaining(['call_child', 'on_missing', 'handle_missing', 'missing_end']),
    );
    await saveHistory(started.caseId, 'call-activity-child-error');
    await saveHistory(child.id, 'called-case-error-to-caller');
  }, 90_000);

  test('when no boundary matches the child’s error code, then the parent gets an incident naming the call activity and the code', async () => {
    const started = await startCase('catching-parent', { mode: 'other', item: '-' });
    const view = await until(started.caseId, (v) => (v.incidents?.length ?? 0) > 0, 'incident');
    expect(view.incidents).toEqual([expect.objectContaining({ elementId: 'call_child', message: expect.stringContaining('OTHER_FAULT') })]);
    const row = await waitFor(() => stack.db.prisma.incident.findFirst({ where: { caseId: started.caseId } }).then((r) => r ?? undefined));
    expect(row).toMatchObject({ elementId: 'call_child', status: 'open' });
    expect(view.status).toBe('running');
  }, 90_000);

  test('when the child throws an escalation, then the parent’s non-interrupting boundary opens a review while the child carries on', async () => {
    const started = await startCase('catching-parent', { mode: 'escalate', item: '消防验收意见' });
    const view = await until(started.caseId, (v) => v.openTasks.some((t) => t.elementId === 'review'), 'escalation boundary taken');
    expect(view.activeElements.sort()).toEqual(['call_child', 'review']);
    expect(view.variables.reviewItem).toBe('消防验收意见');
    const child = await waitFor(() =>
      stack.db.prisma.case.findFirst({ where: { id: { startsWith: `${started.caseId}.` } } }).then((c) => c ?? undefined),
    );
    await complete((await openTask(child.id, 'child_work')).id);
    await complete((await openTask(started.caseId, 'review')).id);
    const done = await until(started.caseId, (v) => v.status === 'completed', 'completed');
    expect(done.path.map((p) => p.elementId)).toEqual(expect.arrayContaining(['on_review', 'review', 'review_end', 'done_end']));
    await saveHistory(started.caseId, 'call-activity-child-escalation');
  }, 90_000);

  test('when the child’s escalation meets an interrupting boundary, then the child case is cancelled, closed as terminated with its task cancelled, and the parent moves on', async () => {
    await deploy('call/valid-catch-all-parent.bpmn');
    const started = await startCase('catch-all-parent', { mode: 'escalate', item: '-' });
    const done = await until(started.caseId, (v) => v.status === 'completed', 'completed');
    expect(done.path.map((p) => p.elementId)).toContain('reviewed_end');
    const child = await waitFor(
      () =>
        stack.db.prisma.case
          .findFirst({ where: { id: { startsWith: `${started.caseId}.` }, status: 'terminated' } })
          .then((c) => c ?? undefined),
      30_000,
      'child case terminated',
    );
    const task = await waitFor(
      () =>
        stack.db.prisma.task
          .findFirst({ where: { caseId: child.id, elementId: 'child_work', status: 'cancelled' } })
          .then((t) => t ?? undefined),
      30_000,
      'child task cancelled',
    );
    expect(task.status).toBe('cancelled');
    expect(await stack.db.prisma.auditEvent.count({ where: { caseId: child.id, action: 'case.terminated' } })).toBe(1);
    await saveHistory(child.id, 'called-case-cancelled');
  }, 90_000);
});

describe('message buffering with time-to-live', () => {
  beforeAll(async () => {
    await deploy('messages/valid-buffered-payment.bpmn');
  }, 30_000);

  test('when a message arrives before its catch event opens, then the response says buffered and it correlates exactly once later', async () => {
    const started = await startCase('buffered-payment');
    const res = await publish(started.caseId, { name: 'paid', variables: { amount: 120 } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: true, correlated: false, buffered: true });
    const ttl = Date.parse(res.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(55 * 60_000); // the default, PT1H
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    expect((await live(started.caseId)).bufferedMessages).toEqual([expect.objectContaining({ name: 'paid', id: res.body.messageId })]);
    await complete((await openTask(started.caseId, 'prepare')).id);
    const second = await until(started.caseId, (v) => v.activeElements.includes('paid_second'), 'waiting at the second catch');
    expect(second.variables.amount).toBe(120);
    expect(second.bufferedMessages).toBeUndefined();
    const now = await publish(started.caseId, { name: 'paid', timeToLive: 'PT10M' });
    expect(now.body).toMatchObject({ correlated: true, buffered: false });
    await until(started.caseId, (v) => v.status === 'completed', 'completed');
    await saveHistory(started.caseId, 'message-buffered');
  }, 90_000);

  test('when a buffered message expires before the catch opens, then it is dropped and the catch waits for a new one', async () => {
    const started = await startCase('buffered-payment');
    const res = await publish(started.caseId, { name: 'paid', timeToLive: 'PT1S' });
    expect(res.body).toMatchObject({ buffered: true });
    await new Promise((r) => setTimeout(r, 1500));
    await complete((await openTask(started.caseId, 'prepare')).id);
    const view = await until(started.caseId, (v) => v.activeElements.includes('paid_first'), 'waiting at the first catch');
    expect(view.bufferedMessages).toBeUndefined();
    const zero = await publish(started.caseId, { name: 'nobody-listens', timeToLive: 'PT0S' });
    expect(zero.body).toMatchObject({ correlated: false, buffered: false });
    const huge = await publish(started.caseId, { name: 'paid', variables: { receipt: 'x'.repeat(VARIABLES_LIMIT_BYTES) } });
    expect(huge.status).toBe(400);
    expect(huge.body.error).toMatchObject({ code: 'VARIABLES_TOO_LARGE', details: { field: 'variables' } });
    expect((await live(started.caseId)).activeElements).toEqual(['paid_first']);
    const bad = await publish(started.caseId, { name: 'paid', timeToLive: 'an hour' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'timeToLive' })]));
  }, 90_000);

  test('when the case continues as new while a message is buffered, then the message survives and still correlates', async () => {
    const row = await stack.db.prisma.processDefinition.findFirstOrThrow({
      where: { key: 'buffered-payment' },
      orderBy: { version: 'desc' },
    });
    const caseId = `BUF-${Date.now().toString(36)}`;
    const handle = await client.workflow.start('caseWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: `case-${caseId}`,
      args: [
        {
          caseId,
          definitionId: row.id,
          process: row.graph,
          variables: {},
          title: 'buffer',
          applicantId: 'zhangsan',
          startedBy: 'test',
          maxStepsPerRun: 2,
        },
      ],
    });
    await openTask(caseId, 'prepare');
    const res = await publish(caseId, { name: 'paid', variables: { amount: 7 } });
    expect(res.body).toMatchObject({ buffered: true });
    const next = await waitFor(async () => ((await live(caseId)).runs ?? 1) >= 2 || undefined, 30_000, 'continued as new');
    expect(next).toBe(true);
    expect((await live(caseId)).bufferedMessages).toHaveLength(1);
    await complete((await openTask(caseId, 'prepare')).id);
    const view = await until(caseId, (v) => v.activeElements.includes('paid_second'), 'first catch took the buffered message');
    expect(view.variables.amount).toBe(7);
    expect(view.runs).toBeGreaterThanOrEqual(2);
    await handle.terminate('test done');
  }, 90_000);
});

describe('timer start events as Temporal Schedules', () => {
  test('when a process with an R3/PT2S timer start is deployed, then its schedule starts three cases by system:timer; a new version replaces it and one without a timer removes it', async () => {
    await deploy('timers/valid-timer-start-v1.bpmn');
    const admin = await stack.auth('admin');
    const listed = await stack.http.get('/api/definitions/timer-started/schedules').set('authorization', admin);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        scheduleId: 'timer-start:timer-started:every_two_seconds',
        definitionId: 'timer-started:1',
        elementId: 'every_two_seconds',
        timer: { kind: 'cycle', value: 'R3/PT2S' },
      }),
    ]);
    const cases = await waitFor(
      async () => {
        const rows = await stack.db.prisma.case.findMany({ where: { processKey: 'timer-started', status: 'completed' } });
        return rows.length >= 3 ? rows : undefined;
      },
      30_000,
      'three timer-started cases',
    );
    expect(cases.every((c) => c.definitionId === 'timer-started:1' && c.applicantId === 'system:timer')).toBe(true);
    const started = await stack.db.prisma.auditEvent.findMany({
      where: { action: 'case.started', caseId: { in: cases.map((c) => c.id) } },
    });
    expect(started.map((a) => a.actor)).toEqual(['system:timer', 'system:timer', 'system:timer']);
    expect((cases[0]?.variables as Variables).startedVersion).toBe('v1');
    await new Promise((r) => setTimeout(r, 2500));
    expect(await stack.db.prisma.case.count({ where: { processKey: 'timer-started' } })).toBe(3); // R3: no fourth
    const after = await stack.http.get('/api/definitions/timer-started/schedules').set('authorization', admin);
    expect(after.body.items[0]).toMatchObject({ remainingActions: 0 });
    expect(after.body.items[0].recentStarts).toHaveLength(3);

    await deploy('timers/valid-timer-start-v2.bpmn');
    const replaced = await stack.http.get('/api/definitions/timer-started/schedules').set('authorization', admin);
    expect(replaced.body.items).toEqual([expect.objectContaining({ definitionId: 'timer-started:2', remainingActions: 1 })]);
    const v2 = await waitFor(
      () => stack.db.prisma.case.findFirst({ where: { definitionId: 'timer-started:2', status: 'completed' } }).then((c) => c ?? undefined),
      30_000,
      'a v2 case',
    );
    expect((v2.variables as Variables).startedVersion).toBe('v2');

    await deploy('timers/valid-timer-start-v3.bpmn');
    const removed = await stack.http.get('/api/definitions/timer-started/schedules').set('authorization', admin);
    expect(removed.body.items).toEqual([]);
    await expect(client.schedule.getHandle('timer-start:timer-started:every_two_seconds').describe()).rejects.toBeInstanceOf(
      ScheduleNotFoundError,
    );
  }, 90_000);

  test('when a cron timer start is deployed, then Temporal accepts the schedule with its next weekday 09:00 Beijing time; a bad date is a 400 naming the start event', async () => {
    await deploy('timers/valid-cron-start.bpmn');
    const admin = await stack.auth('admin');
    const listed = await stack.http.get('/api/definitions/cron-started/schedules').set('authorization', admin);
    const next = listed.body.items[0]?.nextStarts as string[];
    expect(next.length).toBeGreaterThan(0);
    for (const t of next) {
      const d = new Date(t);
      expect(d.getUTCHours()).toBe(1); // 09:00 in Asia/Shanghai
      expect([1, 2, 3, 4, 5]).toContain(new Date(d.getTime() + 8 * 3_600_000).getUTCDay());
    }
    const manual = await stack.http
      .post('/api/cases')
      .set('authorization', await stack.auth('window1'))
      .send({ processKey: 'cron-started', variables: {} });
    expect(manual.status).toBe(400);
    expect(manual.body.error.details).toMatchObject({ startEvent: 'weekday_morning' });
    await deploy('timers/valid-cron-removed.bpmn');
    expect((await stack.http.get('/api/definitions/cron-started/schedules').set('authorization', admin)).body.items).toEqual([]);

    const bad = await stack.http
      .post('/api/definitions')
      .set('authorization', admin)
      .send({ xml: bpmnFixture('timers/invalid-timer-start-date.bpmn') });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      expect.objectContaining({ elementId: 'on_date', message: expect.stringContaining('ISO-8601') }),
    ]);
    expect(await stack.db.prisma.processDefinition.count({ where: { key: 'bad-timer-start' } })).toBe(0);
    const unknown = await stack.http.get('/api/definitions/no-such-process/schedules').set('authorization', admin);
    expect(unknown.status).toBe(404);
  }, 60_000);
});

describe('variables too large on task completion', () => {
  test('when a task is completed with variables over the case limit, then the API answers 400 naming the task element and nothing changes', async () => {
    await deploy('tasks/valid-large-form.bpmn');
    const started = await startCase('large-form', { small: 1 });
    const task = await openTask(started.caseId, 'fill');
    const res = await complete(task.id, { attachment: 'x'.repeat(VARIABLES_LIMIT_BYTES) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'VARIABLES_TOO_LARGE',
      details: { field: 'variables', elementId: 'fill', taskId: task.id, limit: VARIABLES_LIMIT_BYTES },
    });
    expect(res.body.error.message).toContain('fill');
    const view = await live(started.caseId);
    expect(view).toMatchObject({ status: 'running', activeElements: ['fill'], incidents: [] });
    expect(view.variables).toEqual({ small: 1 });
    expect((await stack.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('open');
    expect(await stack.db.prisma.incident.count({ where: { caseId: started.caseId } })).toBe(0);
    const tooBigStart = await stack.http
      .post('/api/cases')
      .set('authorization', await stack.auth('window1'))
      .send({ processKey: 'large-form', variables: { attachment: 'x'.repeat(VARIABLES_LIMIT_BYTES) } });
    expect(tooBigStart.status).toBe(400);
    expect(tooBigStart.body.error.details).toMatchObject({ field: 'variables', limit: VARIABLES_LIMIT_BYTES });
    const ok = await complete(task.id, { attachment: 'ok' });
    expect(ok.status).toBe(200);
    await until(started.caseId, (v) => v.status === 'completed', 'completed');
  }, 60_000);
});
