import { EngineError } from '../model';
import type { Behaviour } from './types';

/** Starts the called process as a child case and waits for it. */
export const callActivity: Behaviour<'callActivity'> = ({ node, token, variables }) => {
  const called = node.calledElement;
  if (!called) throw new EngineError(node.id, '调用活动缺少被调用流程 (call activity has no called process)');
  return {
    kind: 'wait',
    commands: [
      {
        type: 'child.start',
        tokenId: token.id,
        elementId: node.id,
        processKey: called.processKey,
        binding: called.binding,
        version: called.version,
        variables,
      },
    ],
  };
};
