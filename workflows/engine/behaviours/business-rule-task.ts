import { evaluateFeel, evaluateUnaryTest } from '../expressions';
import { EngineError, type Variables } from '../model';
import type { Behaviour } from './types';

/** A FEEL decision table: input values are matched by unary tests; hit policy FIRST, UNIQUE or COLLECT. */
export const businessRuleTask: Behaviour<'businessRuleTask'> = (ctx) => {
  const { node, variables } = ctx;
  if (!node.decision) return serviceJob(ctx);
  const { table, resultVariable } = node.decision;
  const inputs = table.inputs.map((expr) => evaluateFeel(node.id, expr, variables));
  const matches = table.rules.filter((rule) => rule.when.every((test, i) => evaluateUnaryTest(node.id, test, inputs[i], variables)));
  const output = (rule: { then: string[] }): unknown => {
    const values = rule.then.map((expr) => evaluateFeel(node.id, expr, variables));
    if (table.outputs.length === 1) return values[0];
    return Object.fromEntries(table.outputs.map((name, i) => [name, values[i]])) as Variables;
  };
  if (table.hitPolicy === 'UNIQUE' && matches.length > 1)
    throw new EngineError(node.id, `决策表 UNIQUE 命中多条规则 (UNIQUE hit policy matched ${matches.length} rules)`);
  const result = table.hitPolicy === 'COLLECT' ? matches.map(output) : matches[0] ? output(matches[0]) : null;
  return { kind: 'leave', variables: { [resultVariable]: result } };
};

function serviceJob({ node, token, variables }: Parameters<typeof businessRuleTask>[0]): ReturnType<typeof businessRuleTask> {
  if (!node.taskDefinition)
    throw new EngineError(
      node.id,
      '业务规则任务需要决策表或 zeebe:taskDefinition (business rule task needs a decision table or a task type)',
    );
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
}
