import { Client, Connection } from '@temporalio/client';
import { createMachineClient } from '../../server/services/machines/machine-client';
import { startTestStack, type TestStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

// Officers: scjgj1 区市场监督管理局 (machine code scjgj), wjj1 区卫生健康局 (wjw), rsj1 区人社局 (rsj).
// Central staff: window1 / approver1 (区数据和行政审批局, spj, no department task group). Oversight: supervisor1.
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const post = async (path: string, body: object, user: string) =>
  stack.http
    .post(path)
    .set('Authorization', await stack.auth(user))
    .send(body);
const get = async (path: string, user: string) => stack.http.get(path).set('Authorization', await stack.auth(user));
const linkageEvent = (id: string, body: object, user: string) => post(`/api/linkage/instances/${id}/events`, body, user);
const ids = (res: { body: { items: { id?: string; instanceId?: string }[] } }) => res.body.items.map((i) => i.id ?? i.instanceId);
const expectRefused = (res: { status: number; body: { error?: { code: string } } }) =>
  expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 403, code: 'NOT_YOUR_DEPARTMENT' });

async function openTask(caseId: string) {
  return waitFor(
    async () => (await stack.db.prisma.task.findFirst({ where: { caseId, status: 'open' } })) ?? undefined,
    20_000,
    `open task of ${caseId}`,
  );
}

async function decidedCase(): Promise<string> {
  const started = await post('/api/cases', { processKey: 'general-approval', variables: { shopName: '西关小厨' } }, 'zhangsan');
  const caseId = started.body.caseId as string;
  const accept = await openTask(caseId);
  expect((await post(`/api/tasks/${accept.id}/complete`, { variables: { accepted: true } }, 'window1')).status).toBe(200);
  const approve = await waitFor(
    async () => (await stack.db.prisma.task.findFirst({ where: { caseId, status: 'open', id: { not: accept.id } } })) ?? undefined,
  );
  expect(
    (await post(`/api/tasks/${approve.id}/complete`, { variables: { decision: 'approved', opinion: '准予许可' } }, 'approver1')).status,
  ).toBe(200);
  await waitFor(
    async () => ((await stack.db.prisma.case.findUnique({ where: { id: caseId } }))?.status === 'completed' ? true : undefined),
    20_000,
    'case decided',
  );
  return caseId;
}

describe('部门只办理本部门事项 (departments act only on what is addressed to them)', () => {
  it('审批信息通报: another department neither lists nor signs the notice; a supervisor cannot sign for the department; its own officer can', async () => {
    const caseId = await decidedCase();
    const pushed = await post(
      '/api/linkage/case-events',
      { caseId, supervisingDepartment: 'scjgj', itemName: '食品经营许可' },
      'approver1',
    );
    expect(pushed.status).toBe(201);
    const id = pushed.body.notice.instanceId as string;

    expect(ids(await get('/api/linkage/instances?kind=linkage.notice&limit=200', 'wjj1'))).not.toContain(id);
    expect(ids(await get('/api/linkage/instances?kind=linkage.notice&limit=200', 'scjgj1'))).toContain(id);
    expect(ids(await get('/api/linkage/instances?kind=linkage.notice&limit=200', 'supervisor1'))).toContain(id);
    expectRefused(await get(`/api/linkage/instances/${id}`, 'wjj1'));
    expectRefused(await linkageEvent(id, { type: 'notice.sign' }, 'wjj1'));
    expectRefused(await linkageEvent(id, { type: 'notice.sign' }, 'supervisor1'));
    expectRefused(await linkageEvent(id, { type: 'notice.sign' }, 'approver1'));

    const signed = await linkageEvent(id, { type: 'notice.sign', note: '已纳入日常监管' }, 'scjgj1');
    expect(signed.body).toMatchObject({ value: 'signed', context: { signedBy: 'scjgj1' } });
    const history = await stack.db.prisma.machineTransition.findMany({ where: { instanceId: id, event: 'notice.sign' } });
    expect(history.map((h) => h.actor)).toEqual(['scjgj1']);
  });

  it('监管结果抄告: only the reporting department (or a supervisor) pushes it and only the approval side acts on it', async () => {
    expectRefused(
      await post(
        '/api/linkage/findings',
        { title: '越权抄告', department: 'scjgj', findingType: 'other', description: '卫健局替市场监管局抄告' },
        'wjj1',
      ),
    );
    const finding = await post(
      '/api/linkage/findings',
      { title: '告知承诺核查', department: 'scjgj', findingType: 'falseCommitment', description: '实际经营面积与承诺不符' },
      'scjgj1',
    );
    expect(finding.status).toBe(201);
    const id = finding.body.instanceId as string;
    expect(ids(await get('/api/linkage/instances?kind=linkage.finding&limit=200', 'wjj1'))).not.toContain(id);
    expectRefused(await linkageEvent(id, { type: 'finding.push' }, 'wjj1'));
    expect((await linkageEvent(id, { type: 'finding.push' }, 'scjgj1')).status).toBe(200);
    // Now addressed to the approval side (区数据和行政审批局): neither the finder nor another department acts on it.
    expectRefused(await linkageEvent(id, { type: 'finding.act', action: 'revoke', note: '撤销' }, 'scjgj1'));
    expectRefused(await linkageEvent(id, { type: 'finding.act', action: 'revoke', note: '撤销' }, 'wjj1'));
    expect((await linkageEvent(id, { type: 'finding.act', action: 'revoke', note: '依法撤销' }, 'approver1')).body.value).toBe('acted');
  });

  it('联席会议: each decided task is finished only by its owner department; departments not involved do not see the meeting', async () => {
    const meeting = await post(
      '/api/linkage/meetings',
      { title: '小作坊监管职责争议', department: 'spj', agenda: ['登记后由谁监管'], departments: ['scjgj', 'wjw'] },
      'supervisor1',
    );
    const id = meeting.body.instanceId as string;
    expect((await linkageEvent(id, { type: 'meeting.convene', heldAt: '2026-12-01T15:00:00+08:00' }, 'supervisor1')).status).toBe(200);
    expectRefused(
      await linkageEvent(id, { type: 'meeting.decide', decision: '越权决定', tasks: [{ owner: 'wjw', description: 'x' }] }, 'wjj1'),
    );
    const decided = await linkageEvent(
      id,
      {
        type: 'meeting.decide',
        decision: '市场监管局主办，卫健局协办',
        tasks: [
          { owner: 'scjgj', description: '制定登记指引' },
          { owner: 'wjw', description: '提供卫生标准' },
        ],
      },
      'supervisor1',
    );
    expect(decided.status).toBe(200);

    expect(ids(await get('/api/linkage/instances?kind=linkage.meeting&limit=200', 'wjj1'))).toContain(id);
    expect(ids(await get('/api/linkage/instances?kind=linkage.meeting&limit=200', 'rsj1'))).not.toContain(id);
    expectRefused(await linkageEvent(id, { type: 'meeting.taskDone', index: 0 }, 'wjj1'));
    expectRefused(await linkageEvent(id, { type: 'meeting.taskDone', index: 0 }, 'supervisor1'));
    expect((await linkageEvent(id, { type: 'meeting.taskDone', index: 0 }, 'scjgj1')).status).toBe(200);
    expectRefused(await linkageEvent(id, { type: 'meeting.taskDone', index: 1 }, 'scjgj1'));
    expect((await linkageEvent(id, { type: 'meeting.taskDone', index: 1 }, 'wjj1')).body.value).toBe('closed');
  });

  it('12345: 签收 / 退单 / 答复 only by the department the order is dispatched to; its officers see only their orders; 派单 stays with the centre', async () => {
    const orderId = 'RL-DEPT-001';
    const intake = await post(
      '/api/hotline/orders',
      {
        orderId,
        callerPhone: '13900009999',
        category: 'complaint',
        subject: '劳动路夜市',
        content: '劳动路夜市摊位油烟直排，影响周边居民开窗通风',
      },
      'window1',
    );
    expect(intake.status).toBe(201);
    expectRefused(
      await post(
        '/api/hotline/orders',
        { orderId: 'RL-DEPT-002', callerPhone: '13900008888', category: 'consult', content: '部门工作人员不能登记工单' },
        'wjj1',
      ),
    );
    const ev = (body: object, user: string) => post(`/api/hotline/orders/${orderId}/events`, body, user);
    expectRefused(await ev({ type: 'order.dispatch', department: 'wjw', holder: 'wjj1' }, 'wjj1'));
    expect((await ev({ type: 'order.dispatch', department: 'scjgj', holder: 'scjgj1' }, 'window1')).status).toBe(200);

    expect(ids(await get('/api/hotline/orders?limit=200', 'wjj1'))).not.toContain(orderId);
    expect(ids(await get('/api/hotline/orders?limit=200', 'scjgj1'))).toContain(orderId);
    expect(ids(await get('/api/hotline/orders?limit=200', 'window1'))).toContain(orderId);
    expectRefused(await get(`/api/hotline/orders/${orderId}`, 'wjj1'));
    expectRefused(await ev({ type: 'order.sign' }, 'wjj1'));
    expectRefused(await ev({ type: 'order.return', reason: '不属本单位职责' }, 'wjj1'));
    expectRefused(await ev({ type: 'order.sign' }, 'window1'));
    // The department checked is re-checked by the machine itself: had a 改派 landed in between, the sign is refused.
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    try {
      const machines = createMachineClient({ temporal: new Client({ connection }), taskQueue: stack.taskQueue, prisma: stack.db.prisma });
      await expect(
        machines.send('hotline', orderId, { type: 'order.sign' }, 'scjgj1', [{ path: ['department'], equals: 'wjw' }]),
      ).rejects.toMatchObject({ status: 409, message: expect.stringContaining('办理对象已变更') });
      expect((await machines.view('hotline', orderId)).states).toContain('dispatched');
    } finally {
      await connection.close();
    }
    expect((await ev({ type: 'order.sign' }, 'scjgj1')).body.states).toContain('handling');
    expectRefused(await ev({ type: 'order.reply', content: '已处理' }, 'wjj1'));
    expectRefused(await ev({ type: 'order.reply', content: '已处理' }, 'supervisor1'));
    expect((await ev({ type: 'order.reply', content: '已责令整改，加装油烟净化设备' }, 'scjgj1')).body.states).toContain('replied');
    expectRefused(await ev({ type: 'order.revisit', reached: true }, 'scjgj1'));
    expect((await ev({ type: 'order.revisit', reached: true }, 'window1')).status).toBe(200);
  });

  it('办不成事: a transferred matter is listed to and concluded by the receiving department only; the window keeps its own steps', async () => {
    expectRefused(await post('/api/fallback/records', { matter: '部门工作人员登记', applicant: { name: '某人' } }, 'wjj1'));
    const rec = await post(
      '/api/fallback/records',
      { matter: '个体工商户变更登记被要求重复提交材料', applicant: { name: '赵先生', phone: '13800000002' } },
      'window1',
    );
    const id = rec.body.instanceId as string;
    const ev = (body: object, user: string) => post(`/api/fallback/records/${id}/events`, body, user);
    expectRefused(
      await ev({ type: 'fallback.classify', category: 'general', cause: 'hardToDo', department: 'wjw', holder: 'wjj1' }, 'wjj1'),
    );
    expect(
      (await ev({ type: 'fallback.classify', category: 'general', cause: 'hardToDo', department: 'scjgj', holder: 'scjgj1' }, 'window1'))
        .body.states,
    ).toContain('transferred');

    expect(ids(await get('/api/fallback/records?limit=200', 'wjj1'))).not.toContain(id);
    expect(ids(await get('/api/fallback/records?limit=200', 'scjgj1'))).toContain(id);
    expectRefused(await get(`/api/fallback/records/${id}`, 'wjj1'));
    expectRefused(await ev({ type: 'fallback.conclude', result: '已办理' }, 'wjj1'));
    expectRefused(await ev({ type: 'fallback.conclude', result: '已办理' }, 'window1'));
    expect((await ev({ type: 'fallback.conclude', result: '已当场办理变更' }, 'scjgj1')).body.states).toContain('concluded');
    expectRefused(await ev({ type: 'fallback.feedback', satisfied: true }, 'scjgj1'));
    expect((await ev({ type: 'fallback.feedback', satisfied: true }, 'window1')).status).toBe(200);
  });

  it('部门事项任务: a task for 区市场监督管理局 is not listed, read, claimed, completed or reassigned to another department', async () => {
    const started = await post(
      '/api/cases',
      { processKey: 'item-food-licence', itemCode: 'LH-SCJGJ-FOOD', variables: { shopName: '西关小厨' } },
      'zhangsan',
    );
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;
    const task = await openTask(caseId);
    expect(task.candidateGroups).toEqual(['dept-scjgj']);

    expect((await get(`/api/tasks?caseId=${caseId}`, 'wjj1')).body.total).toBe(0);
    expect((await get(`/api/tasks?caseId=${caseId}`, 'window1')).body.total).toBe(0);
    expect((await get(`/api/tasks?caseId=${caseId}`, 'scjgj1')).body.total).toBe(1);
    expect((await get(`/api/tasks?caseId=${caseId}`, 'supervisor1')).body.total).toBe(1);
    expectRefused(await get(`/api/tasks/${task.id}`, 'wjj1'));
    expect((await post(`/api/tasks/${task.id}/claim`, {}, 'wjj1')).status).toBe(403);
    expect((await post(`/api/tasks/${task.id}/complete`, { variables: { accepted: true } }, 'wjj1')).status).toBe(403);
    const moved = await post(`/api/tasks/${task.id}/assign`, { assignee: 'wjj1' }, 'supervisor1');
    expect(moved.status).toBe(400);
    expect(moved.body.error.details).toMatchObject({ field: 'assignee', value: 'wjj1' });
    expect((await post(`/api/tasks/${task.id}/claim`, {}, 'scjgj1')).status).toBe(200);
    expect((await get(`/api/tasks/${task.id}`, 'scjgj1')).status).toBe(200);
  });
});
