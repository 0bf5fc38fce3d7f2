import { FALLBACK_DEADLINES } from '../../../workflows/machines/deadlines';
import { fallbackMachine, type FallbackInput } from '../../../workflows/machines/fallback.machine';
import { can, fire, named, send, start, timers, type Step } from './drive';

const WD = 1000; // one working day = 1 s of machine time
const input = (): FallbackInput => ({
  instanceId: 'FB-1',
  clock: { msPerWorkingDay: WD },
  deadlines: FALLBACK_DEADLINES,
  at: 0,
  matter: '营业执照变更多次被退回，窗口说材料不全但不告知缺什么',
  applicant: { name: '王女士', phone: '13800000001' },
  registeredBy: 'window1',
  supervisor: 'supervisor1',
  leadership: 'leader1',
});
const classify = (category: string, cause = 'hardToDo') =>
  ({ type: 'fallback.classify', category, cause, department: 'scjgj', holder: 'clerk-scj', at: 0 }) as const;

describe('办不成事 fallback machine (pure transitions)', () => {
  it('when a matter is registered, then it waits in 登记 and tells the applicant', () => {
    const s = start(fallbackMachine, input());
    expect(s.snapshot.value).toBe('registered');
    expect(named(s)).toEqual([expect.objectContaining({ type: 'notify', params: expect.objectContaining({ to: 'applicant' }) })]);
    expect(can(s, { type: 'fallback.conclude', result: 'x' } as never)).toBe(false);
  });

  it('when classified 简单, then it is done on the spot without timers and goes 办结 → 反馈 → 核查 → 备案', () => {
    let s = send(fallbackMachine, start(fallbackMachine, input()), classify('simple'));
    expect(s.snapshot.value).toBe('onTheSpot');
    expect(timers(s)).toEqual([]);
    s = send(fallbackMachine, s, { type: 'fallback.conclude', result: '当场告知所缺材料并受理', at: 10 });
    expect(s.snapshot.value).toEqual({ concluded: 'onTime' });
    s = send(fallbackMachine, s, { type: 'fallback.feedback', satisfied: true, at: 20 });
    expect(s.snapshot.value).toEqual({ fedBack: 'onTime' });
    s = send(fallbackMachine, s, { type: 'fallback.verify', passed: true, at: 30 });
    expect(s.snapshot.value).toBe('verified');
    s = send(fallbackMachine, s, { type: 'fallback.file', at: 40 });
    expect(s.snapshot.value).toBe('filed');
    expect(s.snapshot.status).toBe('done');
  });

  it('when classified 一般, then 转办 has a 5 WD deadline with reminder at 4 WD, 催办 at 5 and escalation at 10, repeating', () => {
    let s: Step & { firedAt?: number } = send(fallbackMachine, start(fallbackMachine, input()), classify('general'));
    expect(s.snapshot.value).toEqual({ transferred: 'onTime' });
    expect(s.snapshot.context.deadline).toMatchObject({
      step: 'transferred',
      workingDays: 5,
      dueAt: 5 * WD,
      remindAt: 4 * WD,
      escalateAt: 10 * WD,
    });
    expect(named(s)).toContainEqual({ type: 'notify', params: expect.objectContaining({ to: 'dept:scjgj' }) });
    expect(timers(s)[0].delay).toBe(4 * WD);
    s = fire(fallbackMachine, s, 0);
    expect(s.snapshot.value).toEqual({ transferred: 'dueSoon' });
    expect(named(s)).toContainEqual({ type: 'supervision', params: expect.objectContaining({ level: 'remind' }) });
    s = fire(fallbackMachine, s, s.firedAt!);
    expect(s.snapshot.value).toEqual({ transferred: 'overdue' });
    expect(named(s)[0]).toMatchObject({ params: { level: 'urge' } });
    s = fire(fallbackMachine, s, s.firedAt!);
    expect(s.firedAt).toBe(10 * WD);
    expect(s.snapshot.value).toEqual({ transferred: 'escalated' });
    expect(named(s)[0]).toMatchObject({ params: { level: 'escalate', deadline: { holder: 'clerk-scj', department: 'scjgj' } } });
    s = fire(fallbackMachine, s, s.firedAt!);
    expect(s.firedAt).toBe(15 * WD);
    expect(named(s)[0]).toMatchObject({ params: { level: 'escalate' } });
    const done = send(fallbackMachine, s, { type: 'fallback.conclude', result: '已补办', at: 16 * WD });
    expect(done.snapshot.value).toEqual({ concluded: 'onTime' });
    expect(done.actions.filter((a) => a.type === 'xstate.cancel').length).toBeGreaterThan(0);
    expect(done.snapshot.context.deadline).toMatchObject({ step: 'concluded', key: 'feedback' });
  });

  it('when classified 复杂, then the deadline is 10 WD', () => {
    const s = send(fallbackMachine, start(fallbackMachine, input()), classify('complex'));
    expect(s.snapshot.context.deadline).toMatchObject({ workingDays: 10, dueAt: 10 * WD });
  });

  it('when classified 不能办, then the policy must be explained within 3 WD', () => {
    let s = send(fallbackMachine, start(fallbackMachine, input()), classify('cannot', 'cannotDo'));
    expect(s.snapshot.value).toEqual({ explaining: 'onTime' });
    expect(s.snapshot.context.deadline).toMatchObject({ key: 'cannot', dueAt: 3 * WD });
    expect(can(s, { type: 'fallback.conclude', result: 'x' } as never)).toBe(false);
    s = send(fallbackMachine, s, { type: 'fallback.explain', policy: '依据《行政许可法》第十二条不予许可', at: WD });
    expect(s.snapshot.value).toEqual({ concluded: 'onTime' });
    s = send(fallbackMachine, s, { type: 'fallback.feedback', satisfied: false, at: WD });
    s = send(fallbackMachine, s, { type: 'fallback.verify', passed: false, at: WD });
    expect(s.snapshot.value).toEqual({ explaining: 'onTime' });
    expect(s.snapshot.context.verifyRounds).toBe(1);
  });

  it('when the cause is 不给办, then the supervisor is notified at classification', () => {
    const s = send(fallbackMachine, start(fallbackMachine, input()), classify('general', 'refused'));
    expect(s.snapshot.context.cause).toBe('refused');
    expect(named(s)).toContainEqual({ type: 'notify', params: expect.objectContaining({ to: 'supervisor1' }) });
  });

  it('when 核查 fails on a transferred matter, then it goes back to 转办 with a fresh deadline', () => {
    let s = send(fallbackMachine, start(fallbackMachine, input()), classify('general'));
    s = send(fallbackMachine, s, { type: 'fallback.conclude', result: '已处理', at: 2 * WD });
    s = send(fallbackMachine, s, { type: 'fallback.feedback', satisfied: false, at: 3 * WD });
    s = send(fallbackMachine, s, { type: 'fallback.verify', passed: false, note: '申请人反映仍未办理', at: 4 * WD });
    expect(s.snapshot.value).toEqual({ transferred: 'onTime' });
    expect(s.snapshot.context.deadline).toMatchObject({ enteredAt: 4 * WD, dueAt: 9 * WD });
  });

  it('when hotline orders are linked in any state, then they are kept once each', () => {
    let s = start(fallbackMachine, { ...input(), hotlineOrderIds: ['A'] });
    s = send(fallbackMachine, s, { type: 'fallback.linkOrders', orderIds: ['A', 'B'], at: 1 });
    expect(s.snapshot.context.hotlineOrderIds).toEqual(['A', 'B']);
    expect(s.snapshot.value).toBe('registered');
  });
});
