import { LINKAGE_DEADLINES } from '../../../workflows/machines/deadlines';
import { adjustmentMachine } from '../../../workflows/machines/linkage/adjustment.machine';
import { cityMachine } from '../../../workflows/machines/linkage/city.machine';
import { findingMachine } from '../../../workflows/machines/linkage/finding.machine';
import { meetingMachine } from '../../../workflows/machines/linkage/meeting.machine';
import { noticeMachine } from '../../../workflows/machines/linkage/notice.machine';
import { can, fire, named, send, start } from './drive';

const WD = 1000;
const base = {
  instanceId: 'LD-1',
  clock: { msPerWorkingDay: WD },
  deadlines: LINKAGE_DEADLINES,
  at: 0,
  title: '食品经营许可',
  department: 'scjgj',
};

describe('审批信息通报 notice machine', () => {
  const input = {
    ...base,
    caseId: 'HB1',
    itemName: '食品经营许可',
    decision: 'approved',
    commitment: true,
    decidedAt: '2026-11-28T10:00:00Z',
  };

  it('when an approval is decided, then it is pushed to the supervising department at once with a 2 WD 认领 deadline', () => {
    const s = start(noticeMachine, input);
    expect(s.snapshot.value).toEqual({ pushed: 'onTime' });
    expect(s.snapshot.context.deadline).toMatchObject({ key: 'signFor', dueAt: 2 * WD, holder: 'dept:scjgj', department: 'scjgj' });
    expect(named(s)).toContainEqual({
      type: 'notify',
      params: expect.objectContaining({ to: 'dept:scjgj', message: expect.stringContaining('告知承诺') }),
    });
  });

  it('when nobody signs, then reminder → 催办 → escalation; signing ends it', () => {
    let s = start(noticeMachine, input);
    const levels: string[] = [];
    let t = 0;
    for (let i = 0; i < 3; i++) {
      const f = fire(noticeMachine, s, t);
      levels.push((named(f)[0].params as { level: string }).level);
      t = f.firedAt;
      s = f;
    }
    expect(levels).toEqual(['remind', 'urge', 'escalate']);
    expect(s.snapshot.value).toEqual({ pushed: 'escalated' });
    const signed = send(noticeMachine, s, { type: 'notice.sign', actor: 'liaison-scj', at: t + 1 });
    expect(signed.snapshot).toMatchObject({ value: 'signed', status: 'done', context: { signedBy: 'liaison-scj' } });
  });
});

describe('监管结果抄告 finding machine', () => {
  const input = {
    ...base,
    caseId: 'HB1',
    findingType: 'falseCommitment' as const,
    description: '核查发现承诺的场所面积与实际不符',
    approvalDepartment: 'spj',
  };

  it('when a finding is registered, then it must be pushed within 1 WD and the approval side must act, which is recorded', () => {
    let s = start(findingMachine, input);
    expect(s.snapshot.context.deadline).toMatchObject({ key: 'findingPush', dueAt: WD });
    expect(can(s, { type: 'finding.act', action: 'revoke', note: 'x' })).toBe(false);
    s = send(findingMachine, s, { type: 'finding.push', at: 100 });
    expect(s.snapshot.value).toEqual({ pushed: 'onTime' });
    expect(s.snapshot.context.deadline).toMatchObject({ key: 'findingAction', department: 'spj', dueAt: 100 + 5 * WD });
    expect(named(s)).toContainEqual({ type: 'notify', params: expect.objectContaining({ to: 'dept:spj' }) });
    s = send(findingMachine, s, { type: 'finding.act', action: 'revoke', note: '依法撤销许可', actor: 'approver1', at: 200 });
    expect(s.snapshot).toMatchObject({ value: 'acted', status: 'done', context: { action: { action: 'revoke', by: 'approver1' } } });
  });

  it('when the push is late, then it is 催办', () => {
    const s = start(findingMachine, input);
    const late = fire(findingMachine, fire(findingMachine, s, 0), WD / 2);
    expect(late.snapshot.value).toEqual({ found: 'overdue' });
  });
});

describe('部门联席会议 meeting machine', () => {
  const input = { ...base, agenda: ['食品小作坊登记由谁监管'], departments: ['scjgj', 'wjw'], referredBy: 'supervisor1' };

  it('when referred, convened and decided, then each decision is a task with its own deadline and the meeting closes when all are done', () => {
    let s = start(meetingMachine, input);
    expect(s.snapshot.value).toEqual({ referred: 'onTime' });
    expect(named(s)).toContainEqual({ type: 'notifyDepartments', params: expect.objectContaining({ departments: ['scjgj', 'wjw'] }) });
    s = send(meetingMachine, s, { type: 'meeting.convene', heldAt: '2026-12-01T15:00:00+08:00', at: 10 });
    expect(s.snapshot.value).toBe('convened');
    s = send(meetingMachine, s, {
      type: 'meeting.decide',
      decision: '市场监管局主办，卫健局协办',
      tasks: [
        { owner: 'scjgj', description: '制定登记指引', workingDays: 5 },
        { owner: 'wjw', description: '提供卫生标准' },
      ],
      at: 20,
    });
    expect(s.snapshot.value).toEqual({ executing: 'onTime' });
    expect(s.snapshot.context.tasks.map((t: { dueAt?: number }) => t.dueAt)).toEqual([20 + 5 * WD, 20 + 10 * WD]);
    expect(s.snapshot.context.deadline).toMatchObject({ workingDays: 10 });
    expect(named(s)).toContainEqual({ type: 'openTasks', params: { tasks: s.snapshot.context.tasks } });
    s = send(meetingMachine, s, { type: 'meeting.taskDone', index: 1, at: 30 });
    expect(named(s)).toContainEqual({ type: 'closeTask', params: { index: 1, task: expect.objectContaining({ doneAt: 30 }) } });
    expect(can(s, { type: 'meeting.taskDone', index: 1 })).toBe(false);
    expect(can(s, { type: 'meeting.taskDone', index: 7 })).toBe(false);
    s = send(meetingMachine, s, { type: 'meeting.taskDone', index: 0, at: 40 });
    expect(s.snapshot).toMatchObject({ value: 'closed', status: 'done' });
  });

  it('when the meeting is not convened in time, then the referral is 催办', () => {
    const s = start(meetingMachine, input);
    const f = fire(meetingMachine, fire(meetingMachine, s, 0), 4 * WD);
    expect(f.snapshot.value).toEqual({ referred: 'overdue' });
  });
});

describe('对上协调联动 city machine', () => {
  it('when submitted to the city, then the reply is awaited under 督办 and the matter closes with its outcome', () => {
    let s = start(cityMachine, { ...base, matter: '跨区经营许可互认', reason: '超出区级权限', submittedBy: 'supervisor1' });
    expect(s.snapshot.value).toBe('drafted');
    s = send(cityMachine, s, { type: 'city.submit', recipient: '市数据和行政审批局', reference: '莲审函〔2026〕12号', at: 0 });
    expect(s.snapshot.context.deadline).toMatchObject({ key: 'cityReply', dueAt: 15 * WD });
    const late = fire(cityMachine, fire(cityMachine, s, 0), 14 * WD);
    expect(late.snapshot.value).toEqual({ awaitingReply: 'overdue' });
    s = send(cityMachine, late, { type: 'city.reply', content: '同意互认', at: 16 * WD });
    s = send(cityMachine, s, { type: 'city.close', outcome: '已执行', at: 17 * WD });
    expect(s.snapshot).toMatchObject({ value: 'closed', status: 'done' });
  });
});

describe('动态调整 adjustment machine', () => {
  const input = {
    ...base,
    change: 'cancel' as const,
    itemCode: '11610104MB0000000X-001',
    itemName: '某证明事项',
    payload: {},
    reason: '上级取消',
    proposedBy: 'approver1',
    reviewer: 'supervisor1',
    department: 'spj',
  };

  it('when approved after review, then the change is recorded to take effect; returned proposals can be resubmitted; rejected ones end', () => {
    let s = start(adjustmentMachine, input);
    expect(s.snapshot.value).toBe('proposed');
    s = send(adjustmentMachine, s, { type: 'adjustment.submit', at: 0 });
    expect(s.snapshot.context.deadline).toMatchObject({ key: 'adjustmentReview', holder: 'supervisor1' });
    s = send(adjustmentMachine, s, { type: 'adjustment.return', note: '补充取消依据', at: 1 });
    expect(s.snapshot.value).toBe('proposed');
    s = send(adjustmentMachine, send(adjustmentMachine, s, { type: 'adjustment.submit', at: 2 }), {
      type: 'adjustment.approve',
      actor: 'supervisor1',
      at: 3,
    });
    expect(s.snapshot).toMatchObject({ value: 'effective', status: 'done' });
    expect(named(s)).toContainEqual({
      type: 'recordAdjustment',
      params: expect.objectContaining({ change: 'cancel', approvedBy: 'supervisor1', at: 3 }),
    });
    const rejected = send(
      adjustmentMachine,
      send(adjustmentMachine, start(adjustmentMachine, input), { type: 'adjustment.submit', at: 0 }),
      { type: 'adjustment.reject', reason: '无依据', at: 1 },
    );
    expect(rejected.snapshot.value).toBe('rejected');
  });
});

describe('deadlines of an initial state', () => {
  it('when a machine starts with a supervised state, then its deadline counts from the start time, not from the epoch', () => {
    const s = start(noticeMachine, {
      ...base,
      at: 50_000,
      caseId: 'HB1',
      itemName: 'x',
      decision: 'approved',
      commitment: false,
      decidedAt: 'x',
    });
    expect(s.snapshot.context.deadline).toMatchObject({ enteredAt: 50_000, dueAt: 50_000 + 2 * WD });
    expect(s.actions.find((a) => a.type === 'xstate.raise')?.params).toMatchObject({ delay: WD });
  });
});
