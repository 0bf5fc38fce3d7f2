import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

// One working day lasts 400 ms here: 一般 (5 WD) reminds at 1.6 s, is 催办'd at 2 s and escalated at 4 s.
const MS_PER_WD = 400;
let stack: TestStack;
beforeAll(async () => {
  process.env.HAOBAN_MS_PER_WORKING_DAY = String(MS_PER_WD);
  stack = await startTestStack();
});
afterAll(async () => {
  delete process.env.HAOBAN_MS_PER_WORKING_DAY;
  await stack?.stop();
});

async function register() {
  const res = await stack.http
    .post('/api/fallback/records')
    .set('Authorization', await stack.auth('window1'))
    .send({
      matter: '餐饮店食品经营许可证变更三次被退回，窗口只说材料不全',
      applicant: { name: '王女士', phone: '13800000001', userId: 'zhangsan' },
    });
  expect(res.status).toBe(201);
  return res.body as { instanceId: string; value: unknown; allowedEvents: string[] };
}

const event = async (id: string, body: Record<string, unknown>, user = 'window1') =>
  stack.http
    .post(`/api/fallback/records/${id}/events`)
    .set('Authorization', await stack.auth(user))
    .send(body);

describe('办不成事 window on Temporal', () => {
  it('when an event does not fit the state, then 409 names the state and the allowed events; an unknown department is 400', async () => {
    const rec = await register();
    expect(rec.value).toBe('registered');
    const early = await event(rec.instanceId, { type: 'fallback.conclude', result: '已办' });
    expect(early.status).toBe(409);
    expect(early.body.error.details).toMatchObject({ state: 'registered', allowedEvents: ['fallback.classify', 'fallback.linkOrders'] });
    const unknownDept = await event(rec.instanceId, {
      type: 'fallback.classify',
      category: 'general',
      cause: 'hardToDo',
      department: 'nope',
      holder: 'x',
    });
    expect(unknownDept.status).toBe(400);
    const missing = await stack.http.get('/api/fallback/records/BBCS-NOPE').set('Authorization', await stack.auth('window1'));
    expect(missing.status).toBe(404);
  });

  it('when a 不给办 matter runs past its deadline, then it is reminded, 催办, escalated to the leadership, and supervisors see why, who and how long; closing it files the record', async () => {
    const rec = await register();
    const classified = await event(rec.instanceId, {
      type: 'fallback.classify',
      category: 'general',
      cause: 'refused',
      department: 'scjgj',
      holder: 'clerk-scj',
    });
    expect(classified.status).toBe(200);
    expect(classified.body.states).toEqual(['transferred', 'transferred.onTime']);
    const supervisorNotice = await stack.db.prisma.machineNotification.findFirst({
      where: { instanceId: rec.instanceId, recipient: 'supervisor1' },
    });
    expect(supervisorNotice?.message).toContain('不给办');

    const escalation = await waitFor(
      async () => {
        const res = await stack.http.get('/api/escalations?open=1').set('Authorization', await stack.auth('supervisor1'));
        const item = res.body.items.find((i: { instanceId: string }) => i.instanceId === rec.instanceId);
        return item?.level === 'escalate' ? item : undefined;
      },
      20_000,
      'escalation',
    );
    expect(escalation).toMatchObject({ kind: 'fallback', step: 'transferred', holder: 'clerk-scj', department: 'scjgj', open: true });
    expect(escalation.why).toContain('升级督办');
    expect(escalation.overdueMs).toBeGreaterThanOrEqual(2 * MS_PER_WD - 200);
    expect(escalation.history.supervision.map((s: { level: string }) => s.level).slice(0, 3)).toEqual(['remind', 'urge', 'escalate']);
    expect(escalation.history.supervision[2].notified).toEqual(expect.arrayContaining(['clerk-scj', 'dept:scjgj', 'leader1']));
    const forbidden = await stack.http.get('/api/escalations').set('Authorization', await stack.auth('window1'));
    expect(forbidden.status).toBe(403);

    // 办结 is the receiving department's step (区市场监督管理局: scjgj1).
    expect((await event(rec.instanceId, { type: 'fallback.conclude', result: '已当场补办变更' }, 'scjgj1')).body.states).toContain(
      'concluded',
    );
    const closedStep = await stack.db.prisma.machineStep.findFirstOrThrow({ where: { instanceId: rec.instanceId, step: 'transferred' } });
    expect(closedStep.completedAt).not.toBeNull();
    await event(rec.instanceId, { type: 'fallback.feedback', satisfied: true });
    await event(rec.instanceId, { type: 'fallback.verify', passed: true }, 'supervisor1');
    const filed = await event(rec.instanceId, { type: 'fallback.file' });
    expect(filed.body).toMatchObject({ value: 'filed', status: 'done' });

    const after = await stack.http.get(`/api/fallback/records/${rec.instanceId}`).set('Authorization', await stack.auth('supervisor1'));
    expect(after.body.history.map((h: { event: string }) => h.event)).toEqual(
      expect.arrayContaining([
        'machine.started',
        'fallback.classify',
        'fallback.conclude',
        'fallback.feedback',
        'fallback.verify',
        'fallback.file',
      ]),
    );
    const closed = await stack.http.get('/api/escalations?open=0').set('Authorization', await stack.auth('supervisor1'));
    expect(closed.body.items.find((i: { instanceId: string }) => i.instanceId === rec.instanceId)).toMatchObject({ open: false });
    // The cancelled timers stay cancelled: no new notices after the step was left.
    const count = await stack.db.prisma.machineEscalation.count({ where: { instanceId: rec.instanceId } });
    await new Promise((r) => setTimeout(r, 3 * MS_PER_WD));
    expect(await stack.db.prisma.machineEscalation.count({ where: { instanceId: rec.instanceId } })).toBe(count);
    const late = await event(rec.instanceId, { type: 'fallback.file' });
    expect(late.status).toBe(409);
  });
});
