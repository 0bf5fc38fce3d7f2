import { overrideHandlingConfig } from '../../../activities/handling/config';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';
import { driver } from './helpers';

let stack: TestStack;
let d: ReturnType<typeof driver>;
let restore: () => void;
beforeAll(async () => {
  restore = overrideHandlingConfig({
    quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai', enabled: false },
    dispatcherPollSeconds: 0.5,
  });
  stack = await startTestStack();
  d = driver(stack);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  restore?.();
});

const where = { district: '莲湖区', subdistrict: '北院门街道', community: '大学习巷社区' };

async function finishedImmediateCase(user = 'zhangsan', vars: Record<string, unknown> = where) {
  const res = await d.apply({ mode: 'immediate', variables: { deliveryMethod: 'pickup', ...vars } }, user);
  await d.complete(res.body.caseId, 'decide_on_spot', 'window1', { decision: 'approved' });
  await d.finished(res.body.caseId);
  return res.body.caseId as string;
}

async function rate(caseId: string, body: Record<string, unknown>, user = 'zhangsan') {
  return stack.http
    .post('/api/ratings')
    .set(await d.as(user))
    .send({ caseId, ...body });
}

describe('好差评', () => {
  it('when a case is not finished, then a rating is refused (409); when finished, the matter is rated once (一事一评) and a second rating is refused (409)', async () => {
    const running = await d.apply({ mode: 'immediate', variables: {} });
    await d.waitForTask(running.body.caseId, 'decide_on_spot');
    const early = await rate(running.body.caseId, { level: 5, channel: 'online' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('尚未办结');

    const caseId = await finishedImmediateCase();
    const first = await rate(caseId, { level: 5, channel: 'online', comment: '很方便' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      level: 5,
      label: '非常满意',
      scope: 'online',
      proactive: true,
      department: '区数据和行政审批局',
      ...where,
      rectificationCaseId: null,
    });
    const second = await rate(caseId, { level: 1, channel: 'sms' });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('不可更改');
    const bad = await rate(caseId, { level: 6, channel: 'online' });
    expect(bad.status).toBe(400);
    // Staff may not rate on the applicant's behalf.
    expect((await rate(caseId, { level: 5, channel: 'online' }, 'window1')).status).toBe(403);
  });

  it('when a case is rated on site, then each service is rated once (一次一评) by evaluator device or QR code', async () => {
    const caseId = await finishedImmediateCase();
    expect((await rate(caseId, { level: 4, channel: 'device', serviceId: 'window-visit-1' })).status).toBe(201);
    expect((await rate(caseId, { level: 5, channel: 'qr', serviceId: 'window-visit-2' })).status).toBe(201);
    expect((await rate(caseId, { level: 3, channel: 'qr', serviceId: 'window-visit-1' })).status).toBe(409);
  });

  it('when a rating is bad, then a rectification case runs: assign → 回访核实 (1 WD) → 限期整改 capped at 15 WD → feedback → re-rating', async () => {
    const caseId = await finishedImmediateCase();
    const res = await rate(caseId, { level: 1, channel: 'online', comment: '等候时间太长', reasons: ['窗口等候时间长'] });
    expect(res.status).toBe(201);
    const rect = res.body.rectificationCaseId as string;
    expect(rect).toBeTruthy();
    await d.complete(rect, 'assign', 'supervisor1', { responsibleUnit: '区数据和行政审批局' });
    await d.waitForTask(rect, 'callback');
    const atCallback = await d.getCase(rect);
    expect(typeof atCallback.variables.callbackDueAt).toBe('string');
    // Before feedback, re-rating is refused.
    expect(
      (
        await stack.http
          .post(`/api/ratings/${res.body.id}/rerate`)
          .set(await d.as('zhangsan'))
          .send({ level: 4 })
      ).status,
    ).toBe(409);
    await d.complete(rect, 'callback', 'window1', { resolution: 'deadline', fixWorkingDays: 30, findings: '高峰时段窗口不足' });
    await d.waitForTask(rect, 'fix_by_deadline');
    const fixing = await d.getCase(rect);
    expect(fixing.variables.fixWorkingDays).toBe(15);
    await d.complete(rect, 'fix_by_deadline', 'window1', { feedback: '已增设高峰时段窗口' });
    const closed = await d.finished(rect);
    expect(d.elements(closed)).toEqual([
      'bad_rating',
      'assign',
      'callback_deadline',
      'callback',
      'resolution_gateway',
      'fix_deadline',
      'fix_by_deadline',
      'feedback',
      'closed',
    ]);

    const rerate = await stack.http
      .post(`/api/ratings/${res.body.id}/rerate`)
      .set(await d.as('zhangsan'))
      .send({ level: 4, comment: '改进明显' });
    expect(rerate.status).toBe(201);
    expect(
      (
        await stack.http
          .post(`/api/ratings/${res.body.id}/rerate`)
          .set(await d.as('zhangsan'))
          .send({ level: 5 })
      ).status,
    ).toBe(409);
    const shown = await stack.http.get(`/api/ratings/${res.body.id}`).set(await d.as('zhangsan'));
    expect(shown.body.level).toBe(1); // the original rating is never altered
    expect(shown.body.events.map((e: { kind: string }) => e.kind)).toEqual(['rectification-opened', 'rectified', 're-rated']);
    const feedback = await waitFor(async () => {
      const r = await stack.http.get('/api/notifications/mine').set(await d.as('zhangsan'));
      return r.body.items.find((n: { caseId: string; title: string }) => n.caseId === rect && n.title.includes('差评整改反馈'));
    });
    expect(feedback.happened).toContain('限期整改');
  });

  it('when the unit appeals a malicious rating and the supervisor removes it, then it stays on record but leaves the figures', async () => {
    const caseId = await finishedImmediateCase('lisi', { district: '莲湖区', subdistrict: '青年路街道', community: '西北一路社区' });
    const res = await rate(caseId, { level: 2, channel: 'online', comment: '随便打的', reasons: ['服务态度不好'] }, 'lisi');
    expect(res.status).toBe(201);
    expect(
      (
        await stack.http
          .post(`/api/ratings/${res.body.id}/review`)
          .set(await d.as('supervisor1'))
          .send({ decision: 'remove', reason: '无申诉' })
      ).status,
    ).toBe(409);
    expect(
      (
        await stack.http
          .post(`/api/ratings/${res.body.id}/appeal`)
          .set(await d.as('window1'))
          .send({ reason: '评价内容与办件无关，属恶意差评' })
      ).status,
    ).toBe(201);
    expect(
      (
        await stack.http
          .post(`/api/ratings/${res.body.id}/appeal`)
          .set(await d.as('window1'))
          .send({ reason: '再次申诉' })
      ).status,
    ).toBe(409);
    expect(
      (
        await stack.http
          .post(`/api/ratings/${res.body.id}/review`)
          .set(await d.as('window1'))
          .send({ decision: 'remove', reason: 'x' })
      ).status,
    ).toBe(403);
    const reviewed = await stack.http
      .post(`/api/ratings/${res.body.id}/review`)
      .set(await d.as('supervisor1'))
      .send({ decision: 'remove', reason: '经复核属恶意差评，予以剔除' });
    expect(reviewed.status).toBe(201);
    const shown = await stack.http.get(`/api/ratings/${res.body.id}`).set(await d.as('supervisor1'));
    expect(shown.body).toMatchObject({ level: 2, removed: true });
    const stats = await stack.http.get('/api/ratings/stats?groupBy=subdistrict').set(await d.as('supervisor1'));
    const qingnian = stats.body.items.find((g: { subdistrict: string }) => g.subdistrict === '青年路街道');
    expect(qingnian).toMatchObject({ ratings: 0, badRatings: 0, unratedRate: 1 });
  });

  it('when completed cases stay unrated past the invitation delay, then one SMS invitation is sent and a rating after it is not proactive', async () => {
    const caseId = await finishedImmediateCase('lisi', where);
    const undo = overrideHandlingConfig({ ratingInvitationDays: 0 });
    try {
      const first = await stack.http.post('/api/ratings/invitations').set(await d.as('supervisor1'));
      expect(first.body.invited).toBeGreaterThanOrEqual(1);
      const again = await stack.http.post('/api/ratings/invitations').set(await d.as('supervisor1'));
      expect(again.body.invited).toBe(0);
    } finally {
      undo();
    }
    const sms = await stack.db.prisma.notificationOutbox.findFirst({
      where: { caseId, channel: 'sms', idempotencyKey: { contains: 'rating-invitation' } },
    });
    expect((sms!.payload as { title: string }).title).toContain('邀请您评价');
    const res = await rate(caseId, { level: 5, channel: 'sms' }, 'lisi');
    expect(res.body.proactive).toBe(false);
  });
});

describe('差评整改: 回访 deadline as a BPMN boundary timer', () => {
  it('when 回访核实 is not done in time, then the supervisor is alerted (督办) and the rectification goes on to completion', async () => {
    const caseId = await finishedImmediateCase('lisi', { district: '莲湖区', subdistrict: '桃园路街道', community: '劳动路社区' });
    const res = await rate(caseId, { level: 2, channel: 'online', reasons: ['办理时间长、超出承诺时限'] }, 'lisi');
    const rect = res.body.rectificationCaseId as string;
    await d.complete(rect, 'assign', 'supervisor1', { responsibleUnit: '区数据和行政审批局', callbackTimeout: 'PT1S' });
    await waitFor(
      async () =>
        (await stack.db.prisma.auditEvent.count({ where: { caseId: rect, action: 'rectification.callback.overdue' } })) > 0
          ? true
          : undefined,
      20_000,
      'escalation',
    );
    await d.complete(rect, 'callback', 'window1', { resolution: 'explain', feedback: '该材料为法定要求，已解释说明' });
    await d.complete(rect, 'explain', 'window1', {});
    const closed = await d.finished(rect);
    expect(d.elements(closed)).toEqual(
      expect.arrayContaining(['callback_overdue', 'callback_escalate', 'escalated', 'explain', 'feedback', 'closed']),
    );
  });
});

describe('supervisor figures from real cases', () => {
  it('when supervisors ask for the overview, then the 1-hour share, levels per case, material reduction and rating rates are computed by department and by area', async () => {
    await stack.http
      .post('/api/licences')
      .set(await d.as('window1'))
      .send({ type: '营业执照', name: '营业执照', issuer: '区市场监督管理局', holderId: 'zhangsan' });
    const materials = [
      { code: 'BIZ', name: '营业执照', sources: ['e-licence', 'upload'], licenceType: '营业执照' },
      { code: 'PLAN', name: '平面图', sources: ['upload'] },
    ];
    const std = await d.apply({ mode: 'standard', variables: { materials, deliveryMethod: 'pickup', ...where } });
    await d.complete(std.body.caseId, 'accept', 'window1', { accepted: true });
    await d.complete(std.body.caseId, 'review', 'approver1', { inspectionRequired: false });
    await d.complete(std.body.caseId, 'approve', 'approver1', {});
    await d.complete(std.body.caseId, 'decide', 'approver1', { decision: 'approved' });
    await d.finished(std.body.caseId);

    expect((await stack.http.get('/api/stats/overview').set(await d.as('window1'))).status).toBe(403);
    const res = await stack.http.get('/api/stats/overview').set(await d.as('supervisor1'));
    expect(res.status).toBe(200);
    const o = res.body;
    expect(o.target).toMatchObject({ withinMinutes: 60, share: 0.7 });
    expect(o.overall.decided).toBeGreaterThanOrEqual(5);
    expect(o.overall.withinOneHourShare).toBe(1); // every case here was decided within minutes
    expect(o.overall.levelsByProcess['mode-standard']).toBe(4);
    expect(o.overall.levelsByProcess['mode-immediate']).toBe(1);
    expect(o.overall.materialReduction).toBe(0.5);
    expect(o.overall.goodRate).toBeGreaterThan(0);
    expect(o.overall.badRectifiedRate).toBe(1); // the one counted bad rating was rectified; the removed one does not count
    expect(o.byDepartment.map((x: { department: string }) => x.department)).toContain('区数据和行政审批局');
    const dept = await stack.http.get('/api/stats/overview?department=区数据和行政审批局').set(await d.as('supervisor1'));
    expect(dept.body.byDepartment).toHaveLength(1);

    const byCommunity = await stack.http.get('/api/ratings/stats?groupBy=community').set(await d.as('supervisor1'));
    const community = byCommunity.body.items.find((g: { community: string }) => g.community === '大学习巷社区');
    // 5 (online), 4 (device), 5 (QR), 1 (online, rectified), 5 (after the SMS invitation, not proactive)
    expect(community.ratings).toBe(5);
    expect(community.goodRate).toBe(0.8);
    expect(community.proactiveGoodRate).toBe(0.75);
    expect(community.unratedRate).toBeGreaterThan(0); // the standard case just finished is unrated
    expect(community.badRectifiedRate).toBe(1);
  });
});
