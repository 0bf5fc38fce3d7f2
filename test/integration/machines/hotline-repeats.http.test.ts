import { startTestStack, type TestStack } from '../../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  process.env.HAOBAN_MS_PER_WORKING_DAY = '60000'; // a working day of one minute: no timer fires during these tests
  stack = await startTestStack();
});
afterAll(async () => {
  delete process.env.HAOBAN_MS_PER_WORKING_DAY;
  await stack?.stop();
});

const post = async (path: string, body: object, user = 'window1') =>
  stack.http
    .post(path)
    .set('Authorization', await stack.auth(user))
    .send(body);
const get = async (path: string, user = 'window1') => stack.http.get(path).set('Authorization', await stack.auth(user));
const intake = (orderId: string, callerPhone: string, subject: string | undefined, content: string) =>
  post('/api/hotline/orders', { orderId, callerPhone, subject, category: 'complaint', content });

describe('12345 重复诉求: place keys, matter types, lead and followers', () => {
  it('when two callers report one stall at one compound written three ways, then the third call merges them; the lead is dispatched and its 答复 reaches every caller; a supervisor splits a wrong merge back out', async () => {
    const a = await intake('RP-001', '13900000001', '丰庆苑', '丰庆苑门口有个烧烤摊，每天晚上摆到一两点，桌子摆到人行道上');
    expect(a.status).toBe(201);
    const row = (await get('/api/hotline/orders/RP-001')).body.order;
    expect(row).toMatchObject({
      placeKey: 'poi:丰庆苑',
      placeLabel: '丰庆苑',
      matterType: 'srhj.zhandao',
      matterTypeLabel: '市容环境 / 占道经营',
      suggestedDepartment: 'cgj',
    });
    // Same compound, another matter: never linked.
    await intake('RP-002', '13900000009', '丰庆路丰庆苑小区', '3号楼电梯坏了一个多星期，物业说等配件，老人上不了楼');
    const b = await intake(
      'RP-003',
      '13900000002',
      undefined,
      '市民来电反映：丰庆路12号院外头路边一到晚上就出来烧烤摊，占了半条道，烟熏火燎的',
    );
    expect(b.body.repeat).toBeUndefined();
    // Same stall words at another compound: never linked.
    await intake('RP-004', '13900000003', '桃园新村', '桃园新村门口有个烧烤摊，每天晚上摆到一两点');
    const c = await intake(
      'RP-005',
      '13900000001',
      '陕西省西安市莲湖区丰庆路12号',
      '又打电话了，上次说处理到现在没人管，还是门口那个烧烤摊的事',
    );
    expect(c.status).toBe(201);
    expect(c.body.repeat.leadOrderId).toBe('RP-001');
    expect(c.body.repeat.relatedOrderIds.sort()).toEqual(['RP-001', 'RP-003']);
    expect(c.body.order).toMatchObject({ value: 'following', context: { leadOrderId: 'RP-001' } });
    const rows = await stack.db.prisma.hotlineOrder.findMany({ where: { id: { startsWith: 'RP-' } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.id, r.placeKey, r.leadOrderId])).toEqual([
      ['RP-001', 'poi:丰庆苑', null],
      ['RP-002', 'poi:丰庆苑', null],
      ['RP-003', 'poi:丰庆苑', 'RP-001'],
      ['RP-004', 'poi:桃园新村', null],
      ['RP-005', 'poi:丰庆苑', 'RP-001'],
    ]);

    // The lead is dispatched and worked; followers mirror it and get the reply.
    const ev = (id: string, body: object, user = 'window1') => post(`/api/hotline/orders/${id}/events`, body, user);
    expect((await ev('RP-003', { type: 'order.dispatch', department: 'cgj', holder: 'cgj1' })).status).toBe(409);
    expect((await ev('RP-001', { type: 'order.dispatch', department: 'cgj', holder: 'cgj1' })).status).toBe(200);
    const mirrored = await get('/api/hotline/orders/RP-003');
    expect(mirrored.body.context).toMatchObject({ lead: { state: 'dispatched', department: 'cgj', holder: 'cgj1' }, department: 'cgj' });

    // A supervisor splits RP-005 out (only supervisors may), with a reason; it goes back to 受理 and is audited.
    expect((await post('/api/hotline/orders/RP-005/split', { reason: '来电人说的是另一处烧烤摊' })).status).toBe(403);
    expect((await post('/api/hotline/orders/RP-005/split', {}, 'supervisor1')).status).toBe(400);
    const split = await post('/api/hotline/orders/RP-005/split', { reason: '来电人说的是另一处烧烤摊' }, 'supervisor1');
    expect(split.status).toBe(200);
    expect(split.body.states).toContain('received');
    expect((await stack.db.prisma.hotlineOrder.findUniqueOrThrow({ where: { id: 'RP-005' } })).leadOrderId).toBeNull();
    expect((await post('/api/hotline/orders/RP-005/split', { reason: '再拆一次' }, 'supervisor1')).status).toBe(409);
    // … and merges it back (a missed repeat), audited too.
    const merged = await post('/api/hotline/orders/RP-005/merge', { leadOrderId: 'RP-003', reason: '核实为同一烧烤摊' }, 'supervisor1');
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ value: 'following', context: { leadOrderId: 'RP-001', lead: { department: 'cgj' } } });
    const audit = await stack.db.prisma.auditEvent.findMany({
      where: { action: { in: ['hotline.split', 'hotline.merged'] } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((e) => e.action)).toEqual(['hotline.split', 'hotline.merged']);

    // 签收 and 答复 belong to the department the order is dispatched to.
    expect((await ev('RP-001', { type: 'order.sign' }, 'cgj1')).status).toBe(200);
    expect((await ev('RP-001', { type: 'order.reply', content: '城管已取缔该烧烤摊' }, 'cgj1')).status).toBe(200);
    for (const id of ['RP-003', 'RP-005']) {
      const f = await get(`/api/hotline/orders/${id}`);
      expect(f.body).toMatchObject({ context: { reply: '城管已取缔该烧烤摊' } });
      expect(f.body.states).toContain('replied');
    }
  });

  it('when staff correct the matter type, then it is kept on the order, used for matching and audited; an unknown type is refused naming the field', async () => {
    await intake('MT-001', '13900000100', '红光公寓', '红光公寓旁边有人在弄东西，天天都这样');
    const bad = await stack.http
      .put('/api/hotline/orders/MT-001/matter-type')
      .set('Authorization', await stack.auth('window1'))
      .send({ matterType: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toMatchObject({ field: 'matterType' });
    const ok = await stack.http
      .put('/api/hotline/orders/MT-001/matter-type')
      .set('Authorization', await stack.auth('window1'))
      .send({ matterType: 'cxjs.weijian', reason: '回访核实为私搭乱建' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ matterType: 'cxjs.weijian', matterTypeBy: 'window1', matterTypeLabel: '城乡建设 / 违法建设' });
    const audit = await stack.db.prisma.auditEvent.findFirst({ where: { action: 'hotline.matterType.corrected' } });
    expect(audit).toMatchObject({ actor: 'window1' });
    const tree = await get('/api/hotline/matter-types');
    expect(tree.body.items.map((g: { label: string }) => g.label)).toEqual(
      expect.arrayContaining(['城乡建设', '市容环境', '噪声', '物业', '劳动保障', '教育', '医疗卫生', '市场监管', '交通', '政务服务']),
    );
    expect(tree.body.repeatRule).toMatchObject({ minOrders: 3, windowDays: 30, source: expect.stringContaining('国办函〔2025〕66号') });
  });
});
