import { evaluateValue } from '../expressions';
import { EngineError, type Assignment, type OpenTask, type Variables } from '../model';
import type { Behaviour } from './types';

/** Opens a task in the inbox and waits for a person to complete it. */
export const userTask: Behaviour<'userTask'> = ({ node, token, at, nextId, state, variables }) => {
  const task: OpenTask = {
    taskId: `${state.instanceId}-${nextId('T')}`,
    tokenId: token.id,
    elementId: node.id,
    name: node.name ?? node.id,
    assignment: assignmentOf(node.id, node.assignment ?? {}, variables),
    formKey: node.formKey,
    createdAt: at,
  };
  if (token.loopCounter !== undefined) task.loopCounter = token.loopCounter;
  if (token.locals && Object.keys(token.locals).length) task.inputs = token.locals;
  if (node.priority !== undefined) {
    const priority = Number(evaluateValue(node.id, node.priority, variables));
    if (!Number.isInteger(priority) || priority < 0 || priority > 100)
      throw new EngineError(node.id, `优先级必须是 0–100 的整数 (priority must be an integer 0–100): ${node.priority}`);
    task.priority = priority;
  }
  // Due and follow-up dates are resolved by the runtime (they may be working-day durations).
  return { kind: 'wait', task };
};

function assignmentOf(elementId: string, a: Assignment, variables: Variables): Assignment {
  const one = (v: string) => {
    const value = evaluateValue(elementId, v, variables);
    return value === null ? undefined : String(value);
  };
  const list = (values: string[]) =>
    values.flatMap((v) => {
      const value = evaluateValue(elementId, v, variables);
      if (value === null) return [];
      return Array.isArray(value)
        ? value.map(String)
        : String(value)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    });
  const out: Assignment = {};
  if (a.assignee) {
    const assignee = one(a.assignee);
    if (assignee) out.assignee = assignee;
  }
  if (a.candidateGroups) out.candidateGroups = list(a.candidateGroups);
  if (a.candidateUsers) out.candidateUsers = list(a.candidateUsers);
  return out;
}
