import type { Actor } from '../../../workflows/engine/model';
import {
  checkAssign,
  checkClaim,
  checkComment,
  checkComplete,
  checkDelegate,
  checkResolve,
  checkSetAttributes,
  checkUnclaim,
  checkVersion,
} from '../../../workflows/host/task-permissions';
import type { StaffTask } from '../../../workflows/task-messages';

const window1: Actor = { id: 'window1', roles: ['window'], groups: ['window'] };
const window2: Actor = { id: 'window2', roles: ['window'], groups: ['window'] };
const approver: Actor = { id: 'approver1', roles: ['approver'], groups: ['approver'] };
const supervisor: Actor = { id: 'supervisor1', roles: ['supervisor'], groups: ['supervisor'] };
const agent: Actor = { id: 'agent1', roles: ['agent'], groups: ['agent'] };

const task = (extra: Partial<StaffTask> = {}): StaffTask => ({
  taskId: 'T1',
  tokenId: 'k1',
  elementId: 'accept',
  name: '受理',
  assignment: { candidateGroups: ['window'] },
  createdAt: '2026-11-28T00:00:00Z',
  ...extra,
});
const claimedBy = (id: string, extra: Partial<StaffTask> = {}) =>
  task({ assignment: { candidateGroups: ['window'], assignee: id }, ...extra });
const delegated = () => claimedBy('agent1', { owner: 'window1', delegationState: 'pending' });

describe('task permissions', () => {
  it('when a candidate claims an unclaimed task, then it is allowed; others and a second claimant are refused', () => {
    expect(checkClaim(task(), window1)).toBeUndefined();
    expect(checkClaim(task(), approver)?.type).toBe('NotCandidate');
    expect(checkClaim(claimedBy('window1'), window2)?.type).toBe('TaskAlreadyClaimed');
    expect(checkClaim(claimedBy('window1'), window1)).toBeUndefined();
  });

  it('when unclaiming, then only the assignee or a supervisor may, and never during a delegation', () => {
    expect(checkUnclaim(task(), window1)?.type).toBe('InvalidTaskChange');
    expect(checkUnclaim(claimedBy('window1'), window2)?.type).toBe('NotPermitted');
    expect(checkUnclaim(claimedBy('window1'), supervisor)).toBeUndefined();
    expect(checkUnclaim(delegated(), agent)?.type).toBe('DelegationPending');
  });

  it('when delegating, then the task must be claimed, by the actor, to someone else, and not already delegated', () => {
    expect(checkDelegate(task(), window1, 'agent1')?.type).toBe('InvalidTaskChange');
    expect(checkDelegate(claimedBy('window1'), window2, 'agent1')?.type).toBe('NotPermitted');
    expect(checkDelegate(claimedBy('window1'), window1, 'window1')?.type).toBe('InvalidTaskChange');
    expect(checkDelegate(claimedBy('window1'), window1, 'agent1')).toBeUndefined();
    expect(checkDelegate(delegated(), window1, 'approver1')?.type).toBe('DelegationPending');
  });

  it('when resolving and completing around a delegation, then only the delegate resolves and nobody completes while it is pending', () => {
    expect(checkResolve(delegated(), agent)).toBeUndefined();
    expect(checkResolve(delegated(), window1)?.type).toBe('NotPermitted');
    expect(checkResolve(claimedBy('window1'), window1)?.type).toBe('NotDelegated');
    expect(checkComplete(delegated(), agent)?.type).toBe('DelegationPending');
    expect(checkComplete(claimedBy('window1', { owner: 'window1', delegationState: 'resolved' }), window1)).toBeUndefined();
  });

  it('when reassigning, then a supervisor or the owner may and a bystander may not', () => {
    expect(checkAssign(claimedBy('window1'), supervisor)).toBeUndefined();
    expect(checkAssign(claimedBy('window1'), window1)).toBeUndefined();
    expect(checkAssign(delegated(), window1)).toBeUndefined(); // the owner of a delegated task
    expect(checkAssign(claimedBy('window1'), window2)?.type).toBe('NotPermitted');
    expect(checkAssign(task(), window1)?.type).toBe('NotPermitted');
  });

  it('when changing priority and dates, then values are range- and format-checked and only those involved may change them', () => {
    expect(checkSetAttributes(task(), window1, { priority: 70 })).toBeUndefined();
    expect(checkSetAttributes(task(), approver, { priority: 70 })?.type).toBe('NotPermitted');
    expect(checkSetAttributes(claimedBy('window1'), window2, { priority: 70 })?.type).toBe('NotPermitted');
    expect(checkSetAttributes(task(), supervisor, { priority: 101 })?.type).toBe('InvalidTaskChange');
    expect(checkSetAttributes(task(), supervisor, { dueAt: 'next week' })?.type).toBe('InvalidTaskChange');
    expect(checkSetAttributes(task(), supervisor, { dueAt: null, followUpAt: '2026-12-01T09:00:00+08:00' })).toBeUndefined();
  });

  it('when commenting, then candidates, the owner and supervisors may; empty text is refused', () => {
    expect(checkComment(task(), window2, '已核对')).toBeUndefined();
    expect(checkComment(delegated(), window1, '请尽快')).toBeUndefined();
    expect(checkComment(task(), approver, '路过')?.type).toBe('NotPermitted');
    expect(checkComment(task(), supervisor, '   ')?.type).toBe('InvalidTaskChange');
  });

  it('when the caller names a stale version, then VersionConflict; no version or the current one passes', () => {
    expect(checkVersion(task({ version: 3 }), 2)?.type).toBe('VersionConflict');
    expect(checkVersion(task({ version: 3 }), 3)).toBeUndefined();
    expect(checkVersion(task(), 1)).toBeUndefined();
    expect(checkVersion(task({ version: 3 }), undefined)).toBeUndefined();
  });
});
