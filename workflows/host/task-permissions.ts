import type { Actor, OpenTask } from '../engine/model';

/** Who may work a task: its assignee, a candidate user, or a member of a candidate group. */
export function canWorkTask(task: OpenTask, actor: Actor): boolean {
  const { assignee, candidateGroups = [], candidateUsers = [] } = task.assignment;
  if (actor.roles.includes('admin')) return true;
  if (assignee) return assignee === actor.id;
  if (candidateGroups.length === 0 && candidateUsers.length === 0) return true;
  return candidateUsers.includes(actor.id) || candidateGroups.some((g) => actor.groups.includes(g));
}
