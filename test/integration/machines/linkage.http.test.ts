import { overrideMachineSettings } from '../../../server/services/machines/machine-config';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

const MS_PER_WD = 300;
let stack: TestStack;
beforeAll(async () => {
  process.env.HAOBAN_MS_PER_WORKING_DAY = String(MS_PER_WD);
  stack = await startTestStack();
});
afterAll(async () => {
  delete process.env.HAOBAN_MS_PER_WORKING_DAY;
  await stack?.stop();
});

const post = async (path: string, body: object, user = 'supervisor1') =>
  stack.http
    .post(path)
    .set('Authorization', await stack.auth(user))
    .send(body);
const get = async (path: string, user = 'supervisor1') => stack.http.get(path).set('Authorization', await stack.auth(user));
const ev = (id: string, body: object, user = 'supervisor1') => post(`/api/linkage/instances/${id}/events`, body, user);

async function approvedCase(): Promise<string> {
  const started = await post(
    '/api/cases',
    { processKey: 'general-approval', variables: { shopName: '好味面馆', commitment: true } },
    'zhangsan',
  );
  const caseId = started.body.caseId as string;
  const accept = await waitFor(async () => (await stack.db.prisma.task.findFirst({ where: { caseId, status: 'open' } })) ?? undefined);
  await post(`/api/tasks/${accept.id}/complete`, { variables: { accepted: true } }, 'window1');
  const approve = await waitFor(
    async () => (await stack.db.prisma.task.findFirst({ where: { caseId, status: 'open', id: { not: accept.id } } })) ?? undefined,
  );
  await post(`/api/tasks/${approve.id}/complete`, { variables: { decision: 'approved', opinion: '准予许可' } }, 'approver1');
  await waitFor(async () =>
    (await stack.db.prisma.case.findUnique({ where: { id: caseId } }))?.status === 'completed' ? true : undefined,
  );
  return caseId;
}

describe('审管联动 on Temporal', () => {
  it('when an approval is decided and the supervising department does not sign in time, then it is escalated and the area commissioner told; signing closes it; the assessment counts it late', async () => {
    const caseId = await approvedCase();
    expect((await post('/api/linkage/case-events', { caseId, supervisingDepartment: 'mars' }, 'approver1')).status).toBe(400);
    expect((await post('/api/linkage/case-events', { caseId: 'HB-NOPE', supervisingDepartment: 'scjgj' }, 'approver1')).status).toBe(404);
    const pushed = await post(
      '/api/linkage/case-events',
      { caseId, supervisingDepartment: 'scjgj', itemName: '食品经营许可' },
      'approver1',
    );
    expect(pushed.status).toBe(201);
    expect(pushed.body.notice.context).toMatchObject({ decision: 'approved', commitment: true, department: 'scjgj' });
    const again = await post('/api/linkage/case-events', { caseId, supervisingDepartment: 'scjgj' }, 'approver1');
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    const id = pushed.body.notice.instanceId as string;

    await waitFor(
      async () =>
        (await stack.db.prisma.machineEscalation.count({ where: { instanceId: id, level: 'escalate' } })) > 0 ? true : undefined,
      15_000,
      'escalation',
    );
    const escalation = await stack.db.prisma.machineEscalation.findFirstOrThrow({ where: { instanceId: id, level: 'escalate' } });
    expect(escalation.notified).toEqual(expect.arrayContaining(['dept:scjgj', 'leader1', 'supervisor1'])); // supervisor1 = 市场监管领域特派员
    const inspected = await get(`/api/linkage/inspect/${id}`);
    expect(inspected.status).toBe(200);
    expect(inspected.body).toMatchObject({ commissioner: { userId: 'supervisor1' }, case: { id: caseId } });
    expect((await ev(id, { type: 'finding.push' })).status).toBe(409);
    // 认领 is the supervising department's own (区市场监督管理局: scjgj1), not the supervisor's.
    expect((await ev(id, { type: 'notice.sign' })).status).toBe(403);
    expect((await ev(id, { type: 'notice.sign' }, 'scjgj1')).body).toMatchObject({ value: 'signed', status: 'done' });

    const report = await get('/api/linkage/assessment?from=2000-01-01&to=2100-01-01');
    expect(report.status).toBe(200);
    expect(report.body.rows).toContainEqual(
      expect.objectContaining({ kind: 'linkage.notice', department: 'scjgj', rule: '审批信息通报', late: 1, onTimeRate: 0 }),
    );
    expect(report.body.basis).toBe('due');
    // A period that holds the signing but not the due date: nothing by due date, the late signing by completion date.
    const step = await stack.db.prisma.machineStep.findFirstOrThrow({
      where: { instanceId: id, kind: 'linkage.notice', completedAt: { not: null } },
    });
    const window = `from=${encodeURIComponent(new Date(step.dueAt.getTime() + 1).toISOString())}&to=${encodeURIComponent((step.completedAt as Date).toISOString())}`;
    const row = (body: { rows: { kind: string; department: string; due: number; late: number }[] }) =>
      body.rows.find((r) => r.kind === 'linkage.notice' && r.department === 'scjgj');
    const inWindow = (field: 'dueAt' | 'completedAt') =>
      stack.db.prisma.machineStep.count({
        where: { kind: 'linkage.notice', department: 'scjgj', [field]: { gt: step.dueAt, lte: step.completedAt as Date } },
      });
    const byDue = await get(`/api/linkage/assessment?${window}`);
    expect(row(byDue.body)?.due ?? 0).toBe(await inWindow('dueAt'));
    const byDone = await get(`/api/linkage/assessment?${window}&basis=done`);
    expect(byDone.body).toMatchObject({ basis: 'done', basisLabel: expect.stringContaining('完成日') });
    expect(row(byDone.body)).toMatchObject({ due: await inWindow('completedAt'), overdueOpen: 0, pending: 0 });
    expect(row(byDone.body)?.late).toBeGreaterThanOrEqual(1);
    expect((await get('/api/linkage/assessment?from=2000-01-01&to=2100-01-01&basis=signed')).status).toBe(400);
    expect((await get('/api/linkage/assessment?from=2100-01-01&to=2000-01-01')).status).toBe(400);
    expect((await get('/api/linkage/assessment?from=2000-01-01&to=2100-01-01', 'window1')).status).toBe(403);
  });

  it('when a finding is pushed back, a joint meeting decides tasks, a matter goes to the city and an item change is reviewed, then each runs to its end and on-time work is counted on time', async () => {
    // Steps this test does at once get deadlines (200 WD × 300 ms) a busy machine cannot miss.
    overrideMachineSettings({
      deadlines: { linkage: { findingAction: 200, meetingSchedule: 200, cityReply: 200, adjustmentReview: 200 } },
    });
    const finding = await post('/api/linkage/findings', {
      title: '告知承诺核查',
      department: 'scjgj',
      findingType: 'falseCommitment',
      description: '实际经营面积与承诺不符',
    });
    expect(finding.status).toBe(201);
    const fid = finding.body.instanceId as string;
    expect((await ev(fid, { type: 'finding.act', action: 'revoke', note: 'x' })).status).toBe(409);
    await ev(fid, { type: 'finding.push' });
    expect((await ev(fid, { type: 'finding.act', action: 'revoke', note: '依法撤销食品经营许可' }, 'approver1')).body.value).toBe('acted');

    const meeting = await post('/api/linkage/meetings', {
      title: '小作坊监管职责争议',
      department: 'spj',
      agenda: ['食品小作坊登记后由谁监管'],
      departments: ['scjgj', 'wjw'],
    });
    const mid = meeting.body.instanceId as string;
    await ev(mid, { type: 'meeting.convene', heldAt: '2026-12-01T15:00:00+08:00' });
    expect((await ev(mid, { type: 'meeting.decide', decision: 'x', tasks: [{ owner: 'nowhere', description: 'x' }] })).status).toBe(400);
    await ev(mid, {
      type: 'meeting.decide',
      decision: '市场监管局主办，卫健局协办',
      tasks: [
        { owner: 'scjgj', description: '制定登记指引', workingDays: 60 },
        { owner: 'wjw', description: '提供卫生标准', workingDays: 60 },
      ],
    });
    // Each decided task is finished by its owner department (市场监管 scjgj1, 卫健 wjj1).
    await ev(mid, { type: 'meeting.taskDone', index: 0 }, 'scjgj1');
    expect((await ev(mid, { type: 'meeting.taskDone', index: 1 }, 'wjj1')).body.value).toBe('closed');
    const taskSteps = await stack.db.prisma.machineStep.findMany({
      where: { instanceId: mid, step: { startsWith: 'task:' } },
      orderBy: { step: 'asc' },
    });
    expect(taskSteps.map((s) => [s.department, s.completedAt !== null])).toEqual([
      ['scjgj', true],
      ['wjw', true],
    ]);

    const city = await post('/api/linkage/city-escalations', {
      title: '跨区经营许可互认',
      department: 'spj',
      matter: '连锁门店跨区经营许可互认',
      reason: '超出区级事权',
    });
    const cid = city.body.instanceId as string;
    await ev(cid, { type: 'city.submit', recipient: '市数据和行政审批局', reference: '莲审函〔2026〕12号' });
    await ev(cid, { type: 'city.reply', content: '同意在全市范围互认' });
    expect((await ev(cid, { type: 'city.close', outcome: '已通知各连锁门店' })).body.status).toBe('done');

    const adj = await post(
      '/api/linkage/adjustments',
      { change: 'cancel', itemCode: 'LH-SPJ-0042', itemName: '某证明事项', reason: '上级已取消该证明', department: 'spj' },
      'approver1',
    );
    const aid = adj.body.instanceId as string;
    await ev(aid, { type: 'adjustment.submit' }, 'approver1');
    expect((await get('/api/linkage/adjustments/effective?itemCode=LH-SPJ-0042')).body.total).toBe(0);
    expect((await ev(aid, { type: 'adjustment.approve' })).body.value).toBe('effective');
    const effective = await waitFor(async () => {
      const res = await get('/api/linkage/adjustments/effective?itemCode=LH-SPJ-0042');
      return res.body.total === 1 ? res.body.items[0] : undefined;
    });
    expect(effective).toMatchObject({ change: 'cancel', approvedBy: 'supervisor1', proposedBy: 'approver1' });

    const report = await get('/api/linkage/assessment?from=2000-01-01&to=2100-01-01');
    expect(report.body.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'linkage.finding', department: 'spj', onTime: 1, onTimeRate: 1 }),
        expect.objectContaining({ kind: 'linkage.meeting', department: 'wjw', onTime: 1 }),
        expect.objectContaining({ kind: 'linkage.adjustment', department: 'spj', onTime: 1 }),
      ]),
    );
    expect((await get('/api/linkage/commissioners')).body.items.map((c: { area: string }) => c.area)).toContain('market');
    const list = await get('/api/linkage/instances?kind=linkage.meeting');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(mid);
  });
});
