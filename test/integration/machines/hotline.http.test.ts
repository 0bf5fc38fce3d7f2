import { startTestStack, type TestStack } from '../../helpers/stack';

const SECRET = 'test-hotline-secret';
let stack: TestStack;
beforeAll(async () => {
  process.env.HAOBAN_MS_PER_WORKING_DAY = '60000'; // a working day of one minute: no timer fires during these tests
  process.env.HOTLINE_WEBHOOK_SECRET = SECRET;
  stack = await startTestStack();
});
afterAll(async () => {
  delete process.env.HAOBAN_MS_PER_WORKING_DAY;
  delete process.env.HOTLINE_WEBHOOK_SECRET;
  await stack?.stop();
});

const post = async (path: string, body: object, user = 'window1') =>
  stack.http
    .post(path)
    .set('Authorization', await stack.auth(user))
    .send(body);
const order = (orderId: string, content: string, extra: Record<string, unknown> = {}) => ({
  orderId,
  callerPhone: '13700001111',
  callerName: '刘先生',
  subject: '西关正街18号院',
  category: 'complaint',
  content,
  ...extra,
});

describe('12345 work orders on Temporal', () => {
  it('when an order runs 派单 → 签收 → 退单 → 改派 → 办理 → 答复 → 回访 → 评价, then it is 办结; events out of turn get 409; duplicates are idempotent', async () => {
    const first = await post(
      '/api/hotline/orders',
      order('XA-001', '星火路公交站候车亭顶棚坏了，下雨没地方躲', { subject: '星火路公交站', callerPhone: '13100000001' }),
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ duplicate: false, order: { value: { received: 'onTime' } } });
    expect(first.body.repeat).toBeUndefined();
    const again = await post('/api/hotline/orders', order('XA-001', '重复推送', { subject: '星火路公交站', callerPhone: '13100000001' }));
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(await stack.db.prisma.hotlineOrder.count({ where: { id: 'XA-001' } })).toBe(1);

    // 派单/改派/回访/评价 are the 12345 centre's (window1); 签收/退单/延期/答复 the department's own staff.
    const ev = (body: Record<string, unknown>, user = 'window1') => post('/api/hotline/orders/XA-001/events', body, user);
    const outOfTurn = await ev({ type: 'order.reply', content: '已修复' });
    expect(outOfTurn.status).toBe(409);
    expect(outOfTurn.body.error.details.allowedEvents.sort()).toEqual(['order.dispatch', 'order.follow', 'order.merge']);
    expect((await ev({ type: 'order.dispatch', department: 'nowhere', holder: 'x' })).status).toBe(400);
    expect((await ev({ type: 'order.dispatch', department: 'cgj', holder: 'clerk-cg' })).body.states).toContain('dispatched');
    expect((await ev({ type: 'order.return', reason: '候车亭属公交集团维护，非城管职责' }, 'cgj1')).body.value).toBe('returned');
    expect((await ev({ type: 'order.reassign', department: 'zjj', holder: 'clerk-zj' })).body.context).toMatchObject({ department: 'zjj' });
    await ev({ type: 'order.sign' }, 'zjj1');
    expect((await ev({ type: 'order.extend', workingDays: 11, reason: '需采购材料' }, 'zjj1')).status).toBe(409);
    expect((await ev({ type: 'order.extend', workingDays: 5, reason: '需采购材料' }, 'zjj1')).body.context).toMatchObject({
      extensionDays: 5,
    });
    await ev({ type: 'order.reply', content: '已协调公交集团更换顶棚' }, 'zjj1');
    await ev({ type: 'order.revisit', reached: true });
    const rated = await ev({ type: 'order.rate', satisfied: true });
    expect(rated.body).toMatchObject({ value: 'closed', status: 'done' });
    const detail = await stack.http.get('/api/hotline/orders/XA-001').set('Authorization', await stack.auth('supervisor1'));
    expect(detail.body.history.map((h: { event: string }) => h.event)).toEqual([
      'machine.started',
      'order.dispatch',
      'order.return',
      'order.reassign',
      'order.sign',
      'order.extend',
      'order.reply',
      'order.revisit',
      'order.rate',
    ]);
    expect((await stack.http.get('/api/hotline/orders/NOPE').set('Authorization', await stack.auth('window1'))).status).toBe(404);
  });

  it('when the same caller complains about the same matter a third time in other words, then the later orders follow the first (并单) under a new 办不成事 record; another matter at the same address is left alone', async () => {
    await post('/api/hotline/orders', order('XA-101', '西关正街18号院门口的垃圾桶已经满了三四天了，一直没有人来清运，天热了味道特别大。'));
    await post('/api/hotline/orders', order('XA-102', '西关正街18号院里面的路灯坏了半个月了，晚上院子里黑乎乎的，老人出门容易摔倒。'));
    const second = await post(
      '/api/hotline/orders',
      order('XA-103', '上周反映过我们院门口垃圾没人拉走的事，到现在还是堆着，苍蝇蚊子到处飞。'),
    );
    expect(second.body.repeat).toBeUndefined();
    const third = await post('/api/hotline/orders', order('XA-104', '第三次打电话了！18号院门前垃圾堆积如山，清运车好几天都不来。'));
    expect(third.status).toBe(201);
    expect(third.body.repeat.relatedOrderIds.sort()).toEqual(['XA-101', 'XA-103']);
    const fallbackId = third.body.repeat.fallbackId as string;
    expect(third.body.repeat.leadOrderId).toBe('XA-101');
    expect(third.body.order).toMatchObject({ value: 'following', context: { mergedInto: fallbackId, leadOrderId: 'XA-101' } });

    const record = await stack.http.get(`/api/fallback/records/${fallbackId}`).set('Authorization', await stack.auth('window1'));
    expect(record.body.value).toBe('registered');
    expect(record.body.context.hotlineOrderIds.sort()).toEqual(['XA-101', 'XA-103', 'XA-104']);
    const rows = await stack.db.prisma.hotlineOrder.findMany({
      where: { id: { in: ['XA-101', 'XA-102', 'XA-103', 'XA-104'] } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.mergedInto)).toEqual([fallbackId, null, fallbackId, fallbackId]);

    // A fourth report joins the same record instead of opening another.
    const fourth = await post('/api/hotline/orders', order('XA-105', '18号院垃圾还是没人清运，臭气熏天！'));
    expect(fourth.body.repeat.fallbackId).toBe(fallbackId);
    const linked = await stack.http.get(`/api/fallback/records/${fallbackId}`).set('Authorization', await stack.auth('window1'));
    expect(linked.body.context.hotlineOrderIds).toContain('XA-105');
  });

  it('when the hotline system pushes through the webhook, then the shared secret is required and the order is taken in', async () => {
    const body = order('XA-201', '大庆路菜市场门口小商贩占道经营，行人只能走机动车道', {
      subject: '大庆路菜市场',
      callerPhone: '15200000000',
    });
    expect((await stack.http.post('/api/hotline/webhook/orders').send(body)).status).toBe(401);
    expect((await stack.http.post('/api/hotline/webhook/orders').set('x-hotline-secret', 'wrong-secret-xxxx').send(body)).status).toBe(401);
    const ok = await stack.http.post('/api/hotline/webhook/orders').set('x-hotline-secret', SECRET).send(body);
    expect(ok.status).toBe(201);
    const dup = await stack.http.post('/api/hotline/webhook/orders').set('x-hotline-secret', SECRET).send(body);
    expect(dup.body.duplicate).toBe(true);
    const bad = await stack.http.post('/api/hotline/webhook/orders').set('x-hotline-secret', SECRET).send({ orderId: 'X' });
    expect(bad.status).toBe(400);
  });
});
