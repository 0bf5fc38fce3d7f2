import type { OpenTask } from '../model';
import type { Behaviour } from './types';

/** Opens a task in the inbox and waits for a person to complete it. */
export const userTask: Behaviour = ({ node, token, at, nextId, state }) => {
  const task: OpenTask = {
    taskId: `${state.instanceId}-${nextId('T')}`,
    tokenId: token.id,
    elementId: node.id,
    name: node.name ?? node.id,
    assignment: node.assignment ?? {},
    formKey: node.formKey,
    createdAt: at,
  };
  return { kind: 'wait', commands: [{ type: 'userTask.open', task }] };
};
