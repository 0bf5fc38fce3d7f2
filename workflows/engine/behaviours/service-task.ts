import { EngineError } from '../model';
import type { Behaviour } from './types';

/** Runs the activity named by `zeebe:taskDefinition type` and waits for its result. */
export const serviceTask: Behaviour = ({ node, token, state }) => {
  if (!node.taskDefinition) throw new EngineError(node.id, '服务任务缺少 zeebe:taskDefinition (service task has no task type)');
  return {
    kind: 'wait',
    commands: [
      {
        type: 'serviceTask.run',
        tokenId: token.id,
        elementId: node.id,
        taskType: node.taskDefinition.type,
        retries: node.taskDefinition.retries,
        variables: state.variables,
      },
    ],
  };
};
