import { HOTLINE_DEADLINES } from '../../../workflows/machines/deadlines';
import { hotlineOrderMachine, type HotlineOrderInput } from '../../../workflows/machines/hotline-order.machine';
import { can, fire, named, send, start, timers } from './drive';

const WD = 1000;
const input = (category: HotlineOrderInput['category'] = 'complaint'): HotlineOrderInput => ({
  instanceId: 'GD-1',
  clock: { msPerWorkingDay: WD },
  deadlines: HOTLINE_DEADLINES,
  at: 0,
  orderId: 'XA12345-0001',
  callerPhone: '13900000000',
  category,
  content: '小区门口垃圾好几天没人清运',
  dispatcher: 'hotline-dispatcher',
});
const m = hotlineOrderMachine;
const dispatched = (at = 0) => send(m, start(m, input()), { type: 'order.dispatch', department: 'cgj', holder: 'clerk-cg', at });

describe('12345 work order machine (pure transitions)', () => {
  it('when an order is received, then 派单 is due in 1 WD (reminded half-way) and a late dispatch is 催办', () => {
    let s = start(m, input());
    expect(s.snapshot.value).toEqual({ received: 'onTime' });
    expect(s.snapshot.context.deadline).toMatchObject({ key: 'dispatch', dueAt: WD, remindAt: WD / 2, holder: 'hotline-dispatcher' });
    const reminded = fire(m, s, 0);
    expect(reminded.firedAt).toBe(WD / 2);
    s = fire(m, reminded, reminded.firedAt);
    expect(s.snapshot.value).toEqual({ received: 'overdue' });
    expect(named(s)[0]).toMatchObject({ type: 'supervision', params: { level: 'urge' } });
  });

  it('when dispatched and signed for, then handling runs on the category deadline (投诉 15 WD, 咨询 3 WD)', () => {
    let s = dispatched();
    expect(s.snapshot.value).toEqual({ dispatched: 'onTime' });
    expect(named(s)).toContainEqual({ type: 'notify', params: expect.objectContaining({ to: 'dept:cgj' }) });
    s = send(m, s, { type: 'order.sign', at: 100 });
    expect(s.snapshot.context.deadline).toMatchObject({ step: 'handling', workingDays: 15, dueAt: 100 + 15 * WD });
    const consult = send(m, send(m, start(m, input('consult')), { type: 'order.dispatch', department: 'cgj', holder: 'h', at: 0 }), {
      type: 'order.sign',
      at: 0,
    });
    expect(consult.snapshot.context.deadline).toMatchObject({ workingDays: 3 });
  });

  it('when the unit returns the order within 2 WD, then it waits for 改派; after 2 WD 退单 is refused', () => {
    const late = send(m, dispatched(), { type: 'order.sign', at: 10 });
    expect(can(late, { type: 'order.return', reason: '非我单位职责', at: 2 * WD + 1 })).toBe(false);
    let s = send(m, late, { type: 'order.return', reason: '非我单位职责', at: WD });
    expect(s.snapshot.value).toBe('returned');
    expect(s.snapshot.context.returns).toEqual([{ department: 'cgj', reason: '非我单位职责', at: WD }]);
    expect(timers(s)).toEqual([]);
    s = send(m, s, { type: 'order.reassign', department: 'zjj', holder: 'clerk-zj', at: WD });
    expect(s.snapshot.value).toEqual({ dispatched: 'onTime' });
    expect(s.snapshot.context).toMatchObject({ department: 'zjj', dispatchedAt: WD });
  });

  it('when handling is extended, then the deadline moves from the original start, up to 10 WD in all', () => {
    let s = send(m, dispatched(), { type: 'order.sign', at: 0 });
    s = send(m, s, { type: 'order.extend', workingDays: 6, reason: '需现场核实', at: 5 * WD });
    expect(s.snapshot.context.deadline).toMatchObject({ workingDays: 21, dueAt: 21 * WD });
    expect(can(s, { type: 'order.extend', workingDays: 5, reason: 'x', at: 6 * WD })).toBe(false);
    s = send(m, s, { type: 'order.extend', workingDays: 4, reason: '再延', at: 6 * WD });
    expect(s.snapshot.context.extensionDays).toBe(10);
  });

  it('when replied, revisited and rated satisfied, then the order is 办结; dissatisfied sends it back to 重办', () => {
    let s = send(m, dispatched(), { type: 'order.sign', at: 0 });
    s = send(m, s, { type: 'order.reply', content: '已安排环卫车辆每日清运', at: WD });
    expect(s.snapshot.value).toEqual({ replied: 'onTime' });
    expect(s.snapshot.context.deadline).toMatchObject({ key: 'revisit', dueAt: 2 * WD });
    expect(named(s)).toContainEqual({ type: 'notify', params: expect.objectContaining({ to: 'caller:13900000000' }) });
    s = send(m, s, { type: 'order.revisit', reached: true, at: 2 * WD });
    const redo = send(m, s, { type: 'order.rate', satisfied: false, at: 2 * WD });
    expect(redo.snapshot.value).toEqual({ handling: 'onTime' });
    expect(redo.snapshot.context.redoCount).toBe(1);
    const closed = send(m, s, { type: 'order.rate', satisfied: true, at: 2 * WD });
    expect(closed.snapshot.value).toBe('closed');
    expect(closed.snapshot.status).toBe('done');
  });

  it('when merged into a fallback record in any open state, then the order ends as 已并单 and its timers are cancelled', () => {
    const s = send(m, send(m, dispatched(), { type: 'order.sign', at: 0 }), { type: 'order.merge', fallbackId: 'BBCS-1', at: 5 });
    expect(s.snapshot.value).toBe('merged');
    expect(s.snapshot.context.mergedInto).toBe('BBCS-1');
    expect(s.actions.some((a) => a.type === 'xstate.cancel')).toBe(true);
  });

  it('when an order received by the 12345 centre on 2026-09-30 is entered on 2026-12-01, then 派单 is timed from receipt: due at the end of 10-08, not 12-02', () => {
    // On the official calendar (no compression): 09-30 + 1 WD skips National Day 10-01..07, so the end of 10-08.
    const receivedAt = Date.parse('2026-09-30T10:00:00+08:00');
    const intake = Date.parse('2026-12-01T09:00:00+08:00');
    const s = start(m, { ...input(), clock: {}, at: intake, receivedAt });
    expect(new Date(s.snapshot.context.deadline?.dueAt as number).toISOString()).toBe('2026-10-08T16:00:00.000Z');
    const fromIntake = start(m, { ...input(), clock: {}, at: intake });
    expect(new Date(fromIntake.snapshot.context.deadline?.dueAt as number).toISOString()).toBe('2026-12-02T16:00:00.000Z'); // without receipt: end of 12-02
  });

  it('when a dispatched order joins a repeat group, then it follows the lead without timers, mirrors its unit, gets its 答复 for its own caller, and a split sends it back to 受理', () => {
    const f = send(m, dispatched(), { type: 'order.follow', leadOrderId: 'XA12345-0000', fallbackId: 'BBCS-2', at: 5 });
    expect(f.snapshot.value).toBe('following');
    expect(f.snapshot.context).toMatchObject({ leadOrderId: 'XA12345-0000', mergedInto: 'BBCS-2', deadline: undefined });
    const mirrored = send(m, f, { type: 'order.leadUpdate', state: 'handling', department: 'hbj', holder: 'hbj1', at: 6 });
    expect(mirrored.snapshot.context).toMatchObject({ lead: { state: 'handling', department: 'hbj' }, department: 'hbj', holder: 'hbj1' });
    const replied = send(m, mirrored, { type: 'order.leadReplied', content: '已处理', at: 7 });
    expect(replied.snapshot.value).toEqual({ replied: 'onTime' });
    expect(named(replied)).toContainEqual({ type: 'notify', params: expect.objectContaining({ to: 'caller:13900000000' }) });
    const split = send(m, mirrored, { type: 'order.split', reason: '不是同一件事', at: 8 });
    expect(split.snapshot.value).toEqual({ received: 'onTime' });
    expect(split.snapshot.context).toMatchObject({
      leadOrderId: undefined,
      department: undefined,
      splits: [{ from: 'XA12345-0000', reason: '不是同一件事', at: 8 }],
    });
    expect(can(start(m, input()), { type: 'order.leadReplied', content: 'x' })).toBe(false);
  });
});
