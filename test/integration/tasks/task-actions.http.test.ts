import { replayAllOnQueue } from '../../helpers/replay';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { deploy, FORM_PROCESS, STACK_TIMEOUT_MS, startCase } from './fixtures';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await deploy(stack, FORM_PROCESS);
}, STACK_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
});

const as = (user: string) => stack.auth(user);
const post = async (user: string, url: string, body: object = {}, ifMatch?: string) => {
  const req = stack.http.post(url).set('Authorization', await as(user));
  if (ifMatch) req.set('If-Match', ifMatch);
  return req.send(body);
};

async function windowTask(): Promise<{ caseId: string; taskId: string }> {
  const started = await startCase(stack);
  return { caseId: started.caseId, taskId: started.openTasks[0].taskId };
}

describe('claim and unclaim (认领/退回)', () => {
  it('when window staff claim an offered task, then they become the assignee, the version and ETag move on, and others cannot claim it', async () => {
    const { taskId } = await windowTask();
    const before = await stack.http.get(`/api/tasks/${taskId}`).set('Authorization', await as('window1'));
    expect(before.headers.etag).toBe('"1"');

    const claimed = await post('window1', `/api/tasks/${taskId}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ id: taskId, assignee: 'window1', version: 2 });
    expect(claimed.headers.etag).toBe('"2"');

    const again = await post('admin', `/api/tasks/${taskId}/claim`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('window1');

    const audit = await stack.db.prisma.auditEvent.findFirst({ where: { taskId, action: 'task.claimed' } });
    expect(audit).toMatchObject({ actor: 'window1', after: { assignee: 'window1', version: 2 } });
  });

  it('when someone outside the candidate group claims, then 403 and nothing changes', async () => {
    const { taskId } = await windowTask();
    const res = await post('approver1', `/api/tasks/${taskId}/claim`);
    expect(res.status).toBe(403);
    const row = await stack.db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(row).toMatchObject({ assignee: null, version: 1 });
  });

  it('when the assignee unclaims, then the task returns to its candidates; an unclaimed task cannot be unclaimed', async () => {
    const { taskId } = await windowTask();
    await post('window1', `/api/tasks/${taskId}/claim`);
    const res = await post('window1', `/api/tasks/${taskId}/unclaim`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assignee: null, version: 3 });
    const again = await post('window1', `/api/tasks/${taskId}/unclaim`);
    expect(again.status).toBe(400);
  });
});

describe('optimistic concurrency (If-Match / ETag)', () => {
  it('when a request carries a stale If-Match, then 409 VERSION_CONFLICT and the task is unchanged', async () => {
    const { taskId } = await windowTask();
    await post('window1', `/api/tasks/${taskId}/claim`, {}, '"1"');
    const stale = await stack.http
      .patch(`/api/tasks/${taskId}`)
      .set('Authorization', await as('window1'))
      .set('If-Match', '"1"')
      .send({ priority: 80 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const fresh = await stack.http
      .patch(`/api/tasks/${taskId}`)
      .set('Authorization', await as('window1'))
      .set('If-Match', '"2"')
      .send({ priority: 80 });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ priority: 80, version: 3 });
  });

  it('when two staff complete the same task at once, then exactly one succeeds and the other gets a clear 409', async () => {
    const { taskId } = await windowTask();
    const [a, b] = await Promise.all([
      post('window1', `/api/tasks/${taskId}/complete`, { variables: { accepted: true } }, '"1"'),
      post('admin', `/api/tasks/${taskId}/complete`, { variables: { accepted: false } }, '"1"'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.message).toMatch(/不是待办状态|已被他人修改/);
    const completions = await stack.db.prisma.auditEvent.count({ where: { taskId, action: 'task.completed' } });
    expect(completions).toBe(1);
  });

  it('when If-Match is not an ETag, then 400', async () => {
    const { taskId } = await windowTask();
    const res = await post('window1', `/api/tasks/${taskId}/claim`, {}, 'yesterday');
    expect(res.status).toBe(400);
  });
});

describe('delegate and resolve (委派/归还)', () => {
  it('when the assignee delegates, the delegate works and resolves it, then the owner completes with the delegate’s entries merged', async () => {
    const { caseId, taskId } = await windowTask();
    await post('window1', `/api/tasks/${taskId}/claim`);
    const delegated = await post('window1', `/api/tasks/${taskId}/delegate`, { to: 'agent1' });
    expect(delegated.status).toBe(200);
    expect(delegated.body).toMatchObject({ assignee: 'agent1', owner: 'window1', delegationState: 'pending' });

    // Neither may complete while the delegation is pending.
    const early = await post('agent1', `/api/tasks/${taskId}/complete`, { variables: { accepted: true } });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('委派');
    // The delegate's inbox shows it; the owner can find what they delegated.
    const agentInbox = await stack.http.get('/api/tasks?mine=1').set('Authorization', await as('agent1'));
    expect(agentInbox.body.items.map((t: { id: string }) => t.id)).toContain(taskId);
    const delegatedByMe = await stack.http.get('/api/tasks?owner=me').set('Authorization', await as('window1'));
    expect(delegatedByMe.body.items.map((t: { id: string }) => t.id)).toEqual([taskId]);

    const notDelegate = await post('window1', `/api/tasks/${taskId}/resolve`);
    expect(notDelegate.status).toBe(403);
    const resolved = await post('agent1', `/api/tasks/${taskId}/resolve`, { variables: { checkedBy: 'agent1', materialsOk: true } });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ assignee: 'window1', delegationState: 'resolved' });

    const done = await post('window1', `/api/tasks/${taskId}/complete`, { variables: { accepted: true } });
    expect(done.status).toBe(200);
    expect(done.body.activeElements).toEqual(['approve']);
    const row = await stack.db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(row.outcome).toEqual({ checkedBy: 'agent1', materialsOk: true, accepted: true });
    const actions = (await stack.db.prisma.auditEvent.findMany({ where: { caseId, taskId }, orderBy: { id: 'asc' } })).map(
      (e) => `${e.action}:${e.actor}`,
    );
    expect(actions).toEqual([
      'task.opened:system',
      'task.claimed:window1',
      'task.delegated:window1',
      'task.resolved:agent1',
      'task.completed:window1',
    ]);
  });

  it('when delegating an unclaimed task, or to an unknown user, then a clear 400', async () => {
    const { taskId } = await windowTask();
    const unclaimed = await post('window1', `/api/tasks/${taskId}/delegate`, { to: 'agent1' });
    expect(unclaimed.status).toBe(400);
    await post('window1', `/api/tasks/${taskId}/claim`);
    const unknown = await post('window1', `/api/tasks/${taskId}/delegate`, { to: 'nobody' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toMatchObject({ field: 'to', value: 'nobody' });
    const applicant = await post('window1', `/api/tasks/${taskId}/delegate`, { to: 'zhangsan' });
    expect(applicant.status).toBe(400);
  });
});

describe('reassign (转办)', () => {
  it('when a supervisor reassigns a task, then the new assignee has it; a non-owner may not reassign', async () => {
    const { taskId } = await windowTask();
    await post('window1', `/api/tasks/${taskId}/claim`);
    const byStranger = await post('approver1', `/api/tasks/${taskId}/assign`, { assignee: 'agent1' });
    expect(byStranger.status).toBe(403);
    const bySupervisor = await post('supervisor1', `/api/tasks/${taskId}/assign`, { assignee: 'agent1' });
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body).toMatchObject({ assignee: 'agent1', version: 3 });
    // The new assignee may now complete it, the old one may not.
    const old = await post('window1', `/api/tasks/${taskId}/complete`, { variables: { accepted: true } });
    expect(old.status).toBe(403);
    const byOwner = await post('agent1', `/api/tasks/${taskId}/assign`, { assignee: null });
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.assignee).toBeNull();
  });
});

describe('priority, due and follow-up dates', () => {
  it('when the assignee sets priority and dates, then the row and audit show them; bad values are refused', async () => {
    const { taskId } = await windowTask();
    await post('window1', `/api/tasks/${taskId}/claim`);
    const res = await stack.http
      .patch(`/api/tasks/${taskId}`)
      .set('Authorization', await as('window1'))
      .send({ priority: 90, dueAt: '2026-12-04T16:00:00.000Z', followUpAt: '2026-12-02T01:00:00.000Z' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ priority: 90, dueAt: '2026-12-04T16:00:00.000Z', followUpAt: '2026-12-02T01:00:00.000Z', version: 3 });
    const audit = await stack.db.prisma.auditEvent.findFirstOrThrow({ where: { taskId, action: 'task.updated' } });
    expect(audit.before).toMatchObject({ priority: 50, dueAt: null });

    const cleared = await stack.http
      .patch(`/api/tasks/${taskId}`)
      .set('Authorization', await as('window1'))
      .send({ dueAt: null });
    expect(cleared.body.dueAt).toBeNull();
    const tooHigh = await stack.http
      .patch(`/api/tasks/${taskId}`)
      .set('Authorization', await as('window1'))
      .send({ priority: 101 });
    expect(tooHigh.status).toBe(400);
    const empty = await stack.http
      .patch(`/api/tasks/${taskId}`)
      .set('Authorization', await as('window1'))
      .send({});
    expect(empty.status).toBe(400);
    const stranger = await stack.http
      .patch(`/api/tasks/${taskId}`)
      .set('Authorization', await as('approver1'))
      .send({ priority: 1 });
    expect(stranger.status).toBe(403);
  });
});

describe('comments (办理意见)', () => {
  it('when staff comment on a task, then comments list with author and time in order; outsiders and empty text are refused', async () => {
    const { taskId } = await windowTask();
    const first = await post('window1', `/api/tasks/${taskId}/comments`, { text: '材料已核对' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ taskId, author: 'window1', text: '材料已核对' });
    await post('supervisor1', `/api/tasks/${taskId}/comments`, { text: '请今日内受理' });
    const list = await stack.http.get(`/api/tasks/${taskId}/comments`).set('Authorization', await as('window1'));
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((c: { author: string; text: string }) => `${c.author}:${c.text}`)).toEqual([
      'window1:材料已核对',
      'supervisor1:请今日内受理',
    ]);
    expect(Date.parse(list.body.items[0].createdAt)).toBeGreaterThan(Date.now() - 60_000);

    expect((await post('approver1', `/api/tasks/${taskId}/comments`, { text: '路过' })).status).toBe(403);
    expect((await post('window1', `/api/tasks/${taskId}/comments`, { text: '  ' })).status).toBe(400);
    expect((await stack.http.get('/api/tasks/nope/comments').set('Authorization', await as('window1'))).status).toBe(404);
  });
});

describe('form validation on completion (zeebe:formDefinition)', () => {
  it('when required form fields are missing or of the wrong type, then 400 names each field; a valid submission completes', async () => {
    const started = await startCase(stack, 'task-form-check');
    const taskId = started.openTasks[0].taskId;
    const bad = await post('approver1', `/api/tasks/${taskId}/complete`, { variables: { decision: 'maybe', validYears: '3' } });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['decision', 'opinion', 'validYears']);

    const good = await post('approver1', `/api/tasks/${taskId}/complete`, {
      variables: { decision: 'approved', opinion: '准予许可', validYears: 3 },
    });
    expect(good.status).toBe(200);
    expect(good.body.status).toBe('completed');
  });
});

describe('determinism', () => {
  it('when every workflow above is replayed from its history, then each rebuilds the same commands (no nondeterminism)', async () => {
    expect(await replayAllOnQueue(stack.taskQueue)).toEqual([]);
  }, 180_000);
});
