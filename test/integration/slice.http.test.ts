import { startTestStack, type TestStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function startCase(variables: Record<string, unknown> = { shopName: '好味面馆' }) {
  const res = await stack.http
    .post('/api/cases')
    .set('Authorization', await stack.auth('zhangsan'))
    .send({ processKey: 'general-approval', variables });
  expect(res.status).toBe(201);
  return res.body as { caseId: string; openTasks: { taskId: string; elementId: string }[] };
}

describe('the vertical slice: 受理 → 审批 → 写入结果', () => {
  it('when window staff accept and the approver approves, then the case completes with its result in the read model', async () => {
    const started = await startCase();
    expect(started.openTasks.map((t) => t.elementId)).toEqual(['accept']);

    const inbox = await stack.http.get('/api/tasks?mine=1').set('Authorization', await stack.auth('window1'));
    expect(inbox.status).toBe(200);
    const acceptTask = inbox.body.items.find((t: { caseId: string }) => t.caseId === started.caseId);
    expect(acceptTask).toMatchObject({ elementId: 'accept', name: '受理', status: 'open' });

    // The approver's inbox does not show the window's task.
    const approverInbox = await stack.http.get('/api/tasks?mine=1').set('Authorization', await stack.auth('approver1'));
    expect(approverInbox.body.items.some((t: { caseId: string }) => t.caseId === started.caseId)).toBe(false);

    const accepted = await stack.http
      .post(`/api/tasks/${acceptTask.id}/complete`)
      .set('Authorization', await stack.auth('window1'))
      .send({ variables: { accepted: true } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.activeElements).toEqual(['approve']);

    const approveTask = accepted.body.openTasks[0];
    const approved = await stack.http
      .post(`/api/tasks/${approveTask.taskId}/complete`)
      .set('Authorization', await stack.auth('approver1'))
      .send({ variables: { decision: 'approved', opinion: '材料齐全，准予许可' } });
    expect(approved.status).toBe(200);

    const final = await waitFor(async () => {
      const res = await stack.http.get(`/api/cases/${started.caseId}`).set('Authorization', await stack.auth('zhangsan'));
      return res.body.status === 'completed' && res.body.endedAt ? res.body : undefined;
    });
    expect(final.path.map((p: { elementId: string }) => p.elementId)).toEqual([
      'submitted',
      'accept',
      'accepted_gateway',
      'approve',
      'write_result',
      'done',
    ]);
    expect(final.path.find((p: { elementId: string }) => p.elementId === 'accept').actor).toBe('window1');
    expect(final.result).toMatchObject({ decision: 'approved', opinion: '材料齐全，准予许可' });

    const row = await stack.db.prisma.case.findUniqueOrThrow({ where: { id: started.caseId } });
    expect(row.status).toBe('completed');
    const audit = await stack.db.prisma.auditEvent.findMany({ where: { caseId: started.caseId }, orderBy: { id: 'asc' } });
    const actions = audit.map((a) => `${a.action}:${a.actor}`);
    expect(actions).toEqual(
      expect.arrayContaining(['case.started:zhangsan', 'task.completed:window1', 'task.completed:approver1', 'case.completed:system']),
    );
  });

  it('when the window refuses the application, then the case ends at 不予受理 without an approval task', async () => {
    const started = await startCase();
    const res = await stack.http
      .post(`/api/tasks/${started.openTasks[0].taskId}/complete`)
      .set('Authorization', await stack.auth('window1'))
      .send({ variables: { accepted: false, reason: '不属于本部门职权范围' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('completed');
    expect(res.body.path.map((p: { elementId: string }) => p.elementId)).toEqual([
      'submitted',
      'accept',
      'accepted_gateway',
      'not_accepted',
    ]);
  });

  it('when an approver tries to complete the window task, then 403 names the task and nothing changes', async () => {
    const started = await startCase();
    const taskId = started.openTasks[0].taskId;
    const res = await stack.http
      .post(`/api/tasks/${taskId}/complete`)
      .set('Authorization', await stack.auth('approver1'))
      .send({ variables: { accepted: true } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.error.message).toContain('受理');
    const task = await stack.db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.status).toBe('open');
  });

  it('when a task is completed twice, then the second attempt gets 409', async () => {
    const started = await startCase();
    const taskId = started.openTasks[0].taskId;
    const auth = await stack.auth('window1');
    expect(
      (
        await stack.http
          .post(`/api/tasks/${taskId}/complete`)
          .set('Authorization', auth)
          .send({ variables: { accepted: false } })
      ).status,
    ).toBe(200);
    const second = await stack.http
      .post(`/api/tasks/${taskId}/complete`)
      .set('Authorization', auth)
      .send({ variables: { accepted: false } });
    expect(second.status).toBe(409);
  });
});

describe('bad input on the slice', () => {
  it('when no token is sent, then 401; when the token is forged, then 401', async () => {
    expect((await stack.http.get('/api/tasks')).status).toBe(401);
    const forged = await stack.http.get('/api/tasks').set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc');
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('UNAUTHORIZED');
  });

  it('when an applicant opens the task inbox, then 403', async () => {
    const res = await stack.http.get('/api/tasks?mine=1').set('Authorization', await stack.auth('zhangsan'));
    expect(res.status).toBe(403);
  });

  it('when the body misses processKey, then 400 with the field named and no case is created', async () => {
    const before = await stack.db.prisma.case.count();
    const res = await stack.http
      .post('/api/cases')
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ variables: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['processKey', 'variables']));
    expect(await stack.db.prisma.case.count()).toBe(before);
  });

  it('when the body is not JSON, then 400 MALFORMED_JSON', async () => {
    const res = await stack.http
      .post('/api/cases')
      .set('Authorization', await stack.auth('zhangsan'))
      .set('Content-Type', 'application/json')
      .send('{"processKey":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
  });

  it('when the process, case or task is unknown, then 404 naming it', async () => {
    const auth = await stack.auth('window1');
    const noProcess = await stack.http
      .post('/api/cases')
      .set('Authorization', auth)
      .send({ processKey: 'no-such-process', applicantId: 'zhangsan' });
    expect(noProcess.status).toBe(404);
    expect(noProcess.body.error.message).toContain('no-such-process');
    expect((await stack.http.get('/api/cases/HB00000000-NOPE').set('Authorization', auth)).status).toBe(404);
    expect((await stack.http.post('/api/tasks/nope/complete').set('Authorization', auth).send({})).status).toBe(404);
  });

  it("when an applicant asks for someone else's case, then 404 (existence is not revealed)", async () => {
    const started = await startCase();
    const res = await stack.http.get(`/api/cases/${started.caseId}`).set('Authorization', await stack.auth('lisi'));
    expect(res.status).toBe(404);
  });

  it('when health is asked, then it reports Temporal and the database reachable', async () => {
    const res = await stack.http.get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { ok: true }, temporal: { ok: true } });
  });
});
