import { overrideMachineSettings } from '../../../server/services/machines/machine-config';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

// The reads the console's 办不成事 / 12345 / 审管联动 / 督办 pages use.
let stack: TestStack;
beforeAll(async () => {
  process.env.HAOBAN_MS_PER_WORKING_DAY = '60000'; // no timer fires unless a test compresses its own instance
  stack = await startTestStack();
});
afterAll(async () => {
  delete process.env.HAOBAN_MS_PER_WORKING_DAY;
  await stack?.stop();
});

const get = async (path: string, user = 'window1') => stack.http.get(path).set('Authorization', await stack.auth(user));
const post = async (path: string, body: object, user = 'window1') =>
  stack.http
    .post(path)
    .set('Authorization', await stack.auth(user))
    .send(body);
const order = (orderId: string, content: string, extra: Record<string, unknown> = {}) => ({
  orderId,
  callerPhone: '13700002222',
  subject: '西关正街18号院',
  category: 'complaint',
  content,
  ...extra,
});

describe('console reads for the rule machines', () => {
  it('when staff ask for departments, then each machine department comes with its commissioner and the users of that department', async () => {
    const res = await get('/api/linkage/departments');
    expect(res.status).toBe(200);
    const scjgj = res.body.items.find((d: { code: string }) => d.code === 'scjgj');
    expect(scjgj).toMatchObject({ name: '区市场监督管理局', area: 'market', commissioner: { userId: 'supervisor1' } });
    const spj = res.body.items.find((d: { code: string }) => d.code === 'spj');
    expect(spj.staff.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining(['window1', 'approver1']));
    expect(res.body.total).toBe(res.body.items.length);
    expect((await get('/api/linkage/departments', 'zhangsan')).status).toBe(403);
  });

  it('when three orders repeat one matter, then the repeat group lists them with the 办不成事 record; the order list carries machine state and filters by status and category', async () => {
    await post('/api/hotline/orders', order('CR-1', '西关正街18号院门口的垃圾桶已经满了三四天了，一直没有人来清运，天热了味道特别大。'));
    await post('/api/hotline/orders', order('CR-2', '上周反映过我们院门口垃圾没人拉走的事，到现在还是堆着，苍蝇蚊子到处飞。'));
    const third = await post('/api/hotline/orders', order('CR-3', '第三次打电话了！18号院门前垃圾堆积如山，清运车好几天都不来。'));
    const fallbackId = third.body.repeat.fallbackId as string;
    await post(
      '/api/hotline/orders',
      order('CR-9', '大庆路公交站的站牌被撞歪了，请尽快修一下', { callerPhone: '13100009999', subject: '大庆路公交站', category: 'help' }),
    );

    const groups = await get('/api/hotline/repeat-groups');
    expect(groups.status).toBe(200);
    expect(groups.body.total).toBe(1);
    expect(groups.body.items[0]).toMatchObject({ fallbackId, fallback: { status: 'active', states: ['registered'] } });
    expect(groups.body.items[0].orders.map((o: { id: string }) => o.id)).toEqual(['CR-1', 'CR-2', 'CR-3']);

    // Merged orders do not end: the lead waits for 派单, the others follow it.
    const active = await get('/api/hotline/orders?status=active');
    expect(active.body.items.map((o: { id: string }) => o.id)).toEqual(['CR-9', 'CR-3', 'CR-2', 'CR-1']);
    expect(active.body.items[0]).toMatchObject({
      status: 'active',
      states: ['received', 'received.onTime'],
      deadline: { key: 'dispatch', workingDays: 1 },
    });
    expect(active.body.items.find((o: { id: string }) => o.id === 'CR-3')).toMatchObject({
      states: ['following'],
      leadOrderId: 'CR-1',
      placeLabel: '西关正街18号',
      matterTypeLabel: '市容环境 / 垃圾清运',
    });
    const done = await get('/api/hotline/orders?status=done');
    expect(done.body.total).toBe(0);
    const help = await get('/api/hotline/orders?category=help');
    expect(help.body).toMatchObject({ total: 1, items: [{ id: 'CR-9' }] });
    expect((await get('/api/hotline/orders?status=nope')).status).toBe(400);
  });

  it('when linkage instances are listed by department, then only that department’s are returned', async () => {
    await post(
      '/api/linkage/findings',
      { title: '告知承诺核查不符', department: 'scjgj', findingType: 'falseCommitment', description: '实际经营面积与承诺不符' },
      'supervisor1',
    );
    await post(
      '/api/linkage/findings',
      { title: '工地扬尘', department: 'zjj', findingType: 'violation', description: '未按要求覆盖裸土' },
      'supervisor1',
    );
    const res = await get('/api/linkage/instances?department=scjgj');
    expect(res.body).toMatchObject({ total: 1, items: [{ kind: 'linkage.finding', department: 'scjgj', title: '告知承诺核查不符' }] });
  });

  it('when a step is escalated, then the escalation says since when the holder has had it and for how long', async () => {
    const restore = overrideMachineSettings({ msPerWorkingDay: 300 }); // this instance only
    const rec = await post('/api/fallback/records', { matter: '营业执照地址变更窗口说要等一个月', applicant: { name: '马先生' } });
    restore();
    await post(`/api/fallback/records/${rec.body.instanceId}/events`, {
      type: 'fallback.classify',
      category: 'general',
      cause: 'hardToDo',
      department: 'scjgj',
      holder: 'scjgj1',
    });
    const item = await waitFor(
      async () =>
        (await get('/api/escalations?open=1', 'supervisor1')).body.items.find(
          (i: { instanceId: string }) => i.instanceId === rec.body.instanceId,
        ),
      20_000,
      'escalation',
    );
    expect(item).toMatchObject({ holder: 'scjgj1', department: 'scjgj', open: true, completedAt: null });
    expect(new Date(item.enteredAt).getTime()).toBeLessThan(new Date(item.dueAt).getTime());
    expect(item.heldMs).toBeGreaterThanOrEqual(item.overdueMs);
    const events = item.history.transitions.map((t: { event: string }) => t.event);
    expect(events.slice(0, 2)).toEqual(['machine.started', 'fallback.classify']);
    expect(events.slice(2).every((e: string) => e.startsWith('xstate.after.'))).toBe(true);
    await post(
      `/api/fallback/records/${rec.body.instanceId}/events`,
      { type: 'fallback.conclude', result: '已当场办理地址变更' },
      'approver1',
    );
  });
});
