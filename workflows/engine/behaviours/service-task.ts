import { EngineError } from '../model';
import type { Behaviour } from './types';

/** Service, send and message-throw jobs: runs the activity named by `zeebe:taskDefinition type` and waits. */
export const serviceTask: Behaviour = ({ node, token, variables }) => {
  if (!node.taskDefinition) throw new EngineError(node.id, '缺少 zeebe:taskDefinition (no task type)');
  return {
    kind: 'wait',
    commands: [
      {
        type: 'job.run',
        tokenId: token.id,
        elementId: node.id,
        taskType: node.taskDefinition.type,
        retries: node.taskDefinition.retries,
        variables,
      },
    ],
  };
};
