import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Variables } from '../../../workflows/engine/model';
import { caseStateQuery, type CaseView } from '../../../workflows/messages';
import { replayAllOnQueue } from '../../helpers/replay';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';
import { bpmnFixture, deployFixture, startCaseAsWindow } from '../../helpers/engine-fixtures';

const fixture = bpmnFixture;

let stack: TestStack;
let client: Client;
let connection: Connection;
let registryUp = false;

beforeAll(async () => {
  stack = await startTestStack({
    serviceTasks: {
      'flaky-registry': async () => {
        if (!registryUp) throw new Error('登记系统不可用 (registry unavailable)');
        return { registryChecked: true };
      },
      tick: async ({ variables }) => ({ count: Number(variables.count ?? 0) + 1 }),
    },
  });
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

/** Saves a completed case's history for the replay test (run with SAVE_HISTORIES=1). */
async function saveHistory(caseId: string, name: string) {
  if (!process.env.SAVE_HISTORIES) return;
  const history = await client.workflow.getHandle(`case-${caseId}`).fetchHistory();
  writeFileSync(path.resolve(__dirname, '../../replay/histories', `${name}.json`), JSON.stringify(history));
}

describe('incidents', () => {
  test('when a service task exhausts its retries, then an incident is open on the case and at GET /api/incidents; retry after the fix completes the case', async () => {
    registryUp = false;
    const key = await deploy('incidents/valid-flaky-service.bpmn');
    const started = await startCase(key);
    const view = await waitFor(
      async () => ((await live(started.caseId)).incidents?.length ? live(started.caseId) : undefined),
      30_000,
      'incident',
    );
    expect(view.status).toBe('running');
    expect(view.incidents?.[0]).toMatchObject({ elementId: 'call_registry', kind: 'job' });
    expect(view.incidents?.[0]?.message).toContain('registry unavailable');

    const list = await waitFor(async () => {
      const res = await stack.http
        .get(`/api/incidents?caseId=${started.caseId}&status=open`)
        .set('authorization', await stack.auth('supervisor1'));
      return res.body.total === 1 ? res.body : undefined;
    });
    const incidentId = list.items[0].id as string;
    expect(list.items[0]).toMatchObject({ elementId: 'call_registry', status: 'open' });

    const refused = await stack.http.post(`/api/incidents/${incidentId}/retry`).set('authorization', await stack.auth('window1'));
    expect(refused.status).toBe(403);

    registryUp = true;
    const retried = await stack.http.post(`/api/incidents/${incidentId}/retry`).set('authorization', await stack.auth('supervisor1'));
    expect(retried.status).toBe(200);
    await waitFor(async () => ((await live(started.caseId)).status === 'completed' ? true : undefined));
    expect((await live(started.caseId)).variables.registryChecked).toBe(true);
    const closed = await stack.http.get(`/api/incidents/${incidentId}`).set('authorization', await stack.auth('supervisor1'));
    expect(closed.body.status).toBe('retried');
    const again = await stack.http.post(`/api/incidents/${incidentId}/retry`).set('authorization', await stack.auth('supervisor1'));
    expect(again.status).toBe(409);
    await saveHistory(started.caseId, 'incident-retry');
  }, 90_000);

  test('when the task type has no worker, then the incident names the element and resolving it with variables moves the case on', async () => {
    const key = await deploy('incidents/valid-unknown-type.bpmn');
    const started = await startCase(key);
    const view = await waitFor(
      async () => ((await live(started.caseId)).incidents?.length ? live(started.caseId) : undefined),
      30_000,
      'incident',
    );
    expect(view.incidents?.[0]?.elementId).toBe('mystery');
    expect(view.incidents?.[0]?.message).toContain('no-such-worker');
    const incidentId = view.incidents?.[0]?.id as string;
    await waitFor(async () => ((await stack.db.prisma.incident.findUnique({ where: { id: incidentId } })) ? true : undefined));
    const res = await stack.http
      .post(`/api/incidents/${incidentId}/resolve`)
      .set('authorization', await stack.auth('admin'))
      .send({ variables: { handledManually: true } });
    expect(res.status).toBe(200);
    const done = await waitFor(async () => {
      const v = await live(started.caseId);
      return v.status === 'completed' ? v : undefined;
    });
    expect(done.variables.handledManually).toBe(true);
    const missing = await stack.http.post('/api/incidents/nope/retry').set('authorization', await stack.auth('admin'));
    expect(missing.status).toBe(404);
  }, 90_000);
});

describe('deploy errors', () => {
  test.each([
    ['deploy/invalid-malformed.bpmn', '(no element)', 'malformed'],
    ['deploy/invalid-unknown-element.bpmn', 'cg', 'unsupported element'],
    ['deploy/invalid-dangling-flow.bpmn', 'f_dangling', 'nowhere'],
    ['deploy/invalid-missing-condition.bpmn', 'gw', 'no condition'],
    ['deploy/invalid-feel-syntax.bpmn', 'f_bad', 'FEEL syntax error'],
  ])('when %s is deployed, then 400 names %s and nothing is stored', async (file, elementId, text) => {
    const before = await stack.db.prisma.processDefinition.count();
    const res = await stack.http
      .post('/api/definitions')
      .set('authorization', await stack.auth('admin'))
      .send({ xml: fixture(file) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('DEFINITION_INVALID');
    const problems = res.body.error.details as { elementId?: string; message: string }[];
    expect(problems.some((p) => p.message.includes(text) && (elementId === '(no element)' || p.elementId === elementId))).toBe(true);
    expect(await stack.db.prisma.processDefinition.count()).toBe(before);
  });

  test('when a file has a dangling flow, a FEEL syntax error and an unsupported element, then one 400 lists all three, each with its element id', async () => {
    const res = await stack.http
      .post('/api/definitions')
      .set('authorization', await stack.auth('admin'))
      .send({ xml: fixture('deploy/invalid-three-problems.bpmn') });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('DEFINITION_INVALID');
    const problems = res.body.error.details as { elementId?: string; message: string }[];
    expect(problems.map((p) => p.elementId)).toEqual(['f_dangling', 'f_bad', 'cg']);
    expect(problems[0]?.message).toContain('nowhere');
    expect(problems[1]?.message).toContain('FEEL syntax error');
    expect(problems[2]?.message).toContain('unsupported element');
    expect(await stack.db.prisma.processDefinition.count({ where: { key: 'three_problems' } })).toBe(0);
  });
});

describe('messages, deadlines and the statutory clock', () => {
  test('when a case waits on a working-day deadline, then the task carries due/follow-up/priority, a pause parks the timer and resume shifts it; a message by HTTP interrupts the task', async () => {
    const key = await deploy('timers/valid-working-day-sla.bpmn');
    const started = await startCase(key);
    const task = started.openTasks[0];
    expect(task).toMatchObject({ elementId: 'review', priority: 80 });
    expect(Date.parse(task?.dueAt as string)).toBeGreaterThan(Date.now() + 4 * 86_400_000);
    expect(Date.parse(task?.followUpAt as string)).toBeLessThan(Date.parse(task?.dueAt as string));
    const row = await waitFor(() => stack.db.prisma.task.findUnique({ where: { id: task?.taskId as string } }).then((r) => r ?? undefined));
    expect(row.priority).toBe(80);
    expect(row.dueAt?.toISOString()).toBe(task?.dueAt);
    const overdueLater = await stack.db.prisma.task.count({
      where: { caseId: started.caseId, dueAt: { lt: new Date(Date.parse(task?.dueAt as string) + 1) } },
    });
    expect(overdueLater).toBe(1);

    const dueBefore = started.waiting?.find((w) => w.elementId === 'reminder')?.dueAt as string;
    const staff = await stack.auth('approver1');
    const paused = await stack.http
      .post(`/api/cases/${started.caseId}/clock/pause`)
      .set('authorization', staff)
      .send({ reason: '专家评审' });
    expect(paused.status).toBe(200);
    expect(Date.parse(paused.body.waiting.find((w: { elementId: string }) => w.elementId === 'reminder').dueAt)).toBeGreaterThan(
      Date.parse(dueBefore) + 300 * 86_400_000,
    );
    const twice = await stack.http.post(`/api/cases/${started.caseId}/clock/pause`).set('authorization', staff).send({});
    expect(twice.status).toBe(409);
    const resumed = await stack.http.post(`/api/cases/${started.caseId}/clock/resume`).set('authorization', staff).send({});
    expect(resumed.status).toBe(200);
    const dueAfter = resumed.body.waiting.find((w: { elementId: string }) => w.elementId === 'reminder').dueAt as string;
    expect(Date.parse(dueAfter)).toBeGreaterThanOrEqual(Date.parse(dueBefore));
    expect(resumed.body.clockPauses).toHaveLength(1);

    const sent = await stack.http
      .post(`/api/cases/${started.caseId}/messages`)
      .set('authorization', staff)
      .send({ name: 'materialsReceived', variables: { materialsOk: true } });
    expect(sent.status).toBe(202);
    const after = await waitFor(async () => {
      const v = await live(started.caseId);
      return v.openTasks.some((t) => t.elementId === 'recheck') ? v : undefined;
    });
    expect(after.openTasks.map((t) => t.elementId)).toEqual(['recheck']);
    expect(after.waiting).toEqual([]);
    expect(after.variables.materialsOk).toBe(true);
    const cancelled = await waitFor(() =>
      stack.db.prisma.task.findUnique({ where: { id: task?.taskId as string } }).then((r) => (r?.status === 'cancelled' ? r : undefined)),
    );
    expect(cancelled.status).toBe('cancelled');
    const timeline = await waitFor(async () => {
      const rows = await stack.db.prisma.auditEvent.findMany({
        where: { caseId: started.caseId, elementId: 'review', action: { in: ['element.entered', 'element.left'] } },
      });
      return rows.length === 2 ? rows : undefined;
    });
    expect(timeline.map((e) => e.action).sort()).toEqual(['element.entered', 'element.left']);
    expect(timeline.find((e) => e.action === 'element.left')?.details).toMatchObject({ cancelled: true });
    const bad = await stack.http.post(`/api/cases/${started.caseId}/messages`).set('authorization', staff).send({});
    expect(bad.status).toBe(400);
    await saveHistory(started.caseId, 'working-days-clock-message');
  }, 90_000);
});

describe('continue-as-new', () => {
  test('when a case runs more steps than one run may hold, then it continues as new with its state and completes', async () => {
    const key = await deploy('loops/valid-service-loop.bpmn');
    const row = await stack.db.prisma.processDefinition.findFirstOrThrow({ where: { key }, orderBy: { version: 'desc' } });
    const caseId = `CAN-${Date.now().toString(36)}`;
    const handle = await client.workflow.start('caseWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: `case-${caseId}`,
      args: [
        {
          caseId,
          definitionId: row.id,
          process: row.graph,
          variables: { count: 0, target: 120 },
          title: 'loop',
          applicantId: 'zhangsan',
          startedBy: 'test',
          maxStepsPerRun: 50,
        },
      ],
    });
    const result = (await handle.result()) as CaseView;
    expect(result.status).toBe('completed');
    expect(result.variables.count).toBe(120);
    expect(result.runs).toBeGreaterThanOrEqual(3);
    await saveHistory(caseId, 'continue-as-new-last-run');
  }, 120_000);
});

describe('determinism', () => {
  it('when every workflow above is replayed from its history, then each rebuilds the same commands (no nondeterminism)', async () => {
    expect(await replayAllOnQueue(stack.taskQueue)).toEqual([]);
  }, 180_000);
});
