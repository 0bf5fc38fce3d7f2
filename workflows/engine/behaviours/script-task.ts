import { evaluateFeel } from '../expressions';
import { EngineError } from '../model';
import type { Behaviour } from './types';

/** A FEEL script: evaluates the expression and stores the result (no general-purpose scripting). */
export const scriptTask: Behaviour<'scriptTask'> = ({ node, variables }) => {
  if (!node.script) throw new EngineError(node.id, '脚本任务缺少 FEEL 表达式 (script task has no FEEL expression)');
  return { kind: 'leave', variables: { [node.script.resultVariable]: evaluateFeel(node.id, node.script.expression, variables) } };
};
