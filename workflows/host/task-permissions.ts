import type { Actor, OpenTask } from '../engine/model';
import type { StaffTask } from '../task-messages';

/** Who may work a task: its assignee, a candidate user, or a member of a candidate group. */
export function canWorkTask(task: OpenTask, actor: Actor): boolean {
  const { assignee, candidateGroups = [], candidateUsers = [] } = task.assignment;
  if (actor.roles.includes('admin')) return true;
  if (assignee) return assignee === actor.id;
  if (candidateGroups.length === 0 && candidateUsers.length === 0) return true;
  return candidateUsers.includes(actor.id) || candidateGroups.some((g) => actor.groups.includes(g));
}

/** A refusal an update validator turns into an ApplicationFailure of this type (mapped to HTTP). */
export interface Refusal {
  type:
    'NotCandidate' | 'NotPermitted' | 'TaskAlreadyClaimed' | 'DelegationPending' | 'NotDelegated' | 'VersionConflict' | 'InvalidTaskChange';
  message: string;
}

/** Roles that may reassign any task and change its attributes (督办/派单). */
const MANAGER_ROLES = ['supervisor', 'admin'];

export const isManager = (actor: Actor): boolean => actor.roles.some((r) => MANAGER_ROLES.includes(r));
export const versionOf = (task: StaffTask): number => task.version ?? 1;
const label = (task: OpenTask) => `任务“${task.name}”`;

export function checkVersion(task: StaffTask, expected: number | undefined): Refusal | undefined {
  if (expected === undefined || expected === versionOf(task)) return undefined;
  return {
    type: 'VersionConflict',
    message: `${label(task)}已被他人修改 (version ${expected} is stale, current is ${versionOf(task)}); 请刷新后重试 (reload and retry)`,
  };
}

export function checkComplete(task: StaffTask, actor: Actor): Refusal | undefined {
  if (task.delegationState === 'pending') {
    return {
      type: 'DelegationPending',
      message: `${label(task)}已委派给 ${task.assignment.assignee}，须由其归还后才能办结 (delegated: the delegate must resolve it first)`,
    };
  }
  if (!canWorkTask(task, actor))
    return { type: 'NotCandidate', message: `用户 ${actor.id} 不是${label(task)}的办理人或候选组成员 (not a candidate for this task)` };
  return undefined;
}

export function checkClaim(task: StaffTask, actor: Actor): Refusal | undefined {
  const assignee = task.assignment.assignee;
  if (assignee && assignee !== actor.id)
    return { type: 'TaskAlreadyClaimed', message: `${label(task)}已由 ${assignee} 认领 (already claimed)` };
  if (!assignee && !canWorkTask(task, actor))
    return { type: 'NotCandidate', message: `用户 ${actor.id} 不是${label(task)}的候选人，不能认领 (not a candidate, cannot claim)` };
  return undefined;
}

export function checkUnclaim(task: StaffTask, actor: Actor): Refusal | undefined {
  const assignee = task.assignment.assignee;
  if (!assignee) return { type: 'InvalidTaskChange', message: `${label(task)}尚未被认领 (not claimed)` };
  if (task.delegationState === 'pending')
    return { type: 'DelegationPending', message: `${label(task)}处于委派中，不能退回 (delegated: resolve it first)` };
  if (assignee !== actor.id && !isManager(actor))
    return {
      type: 'NotPermitted',
      message: `只有办理人 ${assignee} 或监督人员可以退回${label(task)} (only the assignee or a supervisor may unclaim)`,
    };
  return undefined;
}

export function checkDelegate(task: StaffTask, actor: Actor, to: string): Refusal | undefined {
  const assignee = task.assignment.assignee;
  if (task.delegationState === 'pending')
    return { type: 'DelegationPending', message: `${label(task)}已委派给 ${assignee} (already delegated)` };
  if (!assignee) return { type: 'InvalidTaskChange', message: `${label(task)}须先认领才能委派 (claim the task before delegating it)` };
  if (assignee !== actor.id && !isManager(actor))
    return { type: 'NotPermitted', message: `只有办理人 ${assignee} 可以委派${label(task)} (only the assignee may delegate)` };
  if (to === assignee) return { type: 'InvalidTaskChange', message: `不能委派给办理人本人 (cannot delegate to the current assignee)` };
  return undefined;
}

export function checkResolve(task: StaffTask, actor: Actor): Refusal | undefined {
  if (task.delegationState !== 'pending') return { type: 'NotDelegated', message: `${label(task)}未处于委派中，无需归还 (not delegated)` };
  if (task.assignment.assignee !== actor.id && !isManager(actor)) {
    return {
      type: 'NotPermitted',
      message: `只有受委派人 ${task.assignment.assignee} 可以归还${label(task)} (only the delegate may resolve)`,
    };
  }
  return undefined;
}

/** Reassignment (转办): a supervisor or admin, or the task's owner (its assignee, or who delegated it). */
export function checkAssign(task: StaffTask, actor: Actor): Refusal | undefined {
  const owner = task.owner ?? task.assignment.assignee;
  if (isManager(actor) || (owner !== undefined && owner === actor.id)) return undefined;
  return {
    type: 'NotPermitted',
    message: `只有监督人员、管理员或${label(task)}的负责人可以转办 (only a supervisor, admin or the task owner may reassign)`,
  };
}

/** Priority and dates: whoever works the task, its owner, or a supervisor. */
export function checkSetAttributes(
  task: StaffTask,
  actor: Actor,
  change: { priority?: number; dueAt?: string | null; followUpAt?: string | null },
): Refusal | undefined {
  const mayChange =
    isManager(actor) ||
    task.owner === actor.id ||
    (task.assignment.assignee ? task.assignment.assignee === actor.id : canWorkTask(task, actor));
  if (!mayChange)
    return { type: 'NotPermitted', message: `用户 ${actor.id} 不能修改${label(task)}的优先级或期限 (not permitted to change this task)` };
  if (change.priority !== undefined && (!Number.isInteger(change.priority) || change.priority < 0 || change.priority > 100)) {
    return { type: 'InvalidTaskChange', message: `优先级必须是 0–100 的整数 (priority must be an integer 0–100): ${change.priority}` };
  }
  for (const key of ['dueAt', 'followUpAt'] as const) {
    const value = change[key];
    if (value !== undefined && value !== null && Number.isNaN(Date.parse(value)))
      return { type: 'InvalidTaskChange', message: `${key} 不是有效的 ISO 时间 (not an ISO-8601 instant): ${value}` };
  }
  return undefined;
}

/** Comments: anyone who may work the task, its owner, or a supervisor. */
export function checkComment(task: StaffTask, actor: Actor, text: string): Refusal | undefined {
  if (!isManager(actor) && task.owner !== actor.id && !canWorkTask(task, actor)) {
    return { type: 'NotPermitted', message: `用户 ${actor.id} 不能对${label(task)}发表意见 (not permitted to comment on this task)` };
  }
  if (!text.trim()) return { type: 'InvalidTaskChange', message: '意见内容不能为空 (comment text is empty)' };
  return undefined;
}
