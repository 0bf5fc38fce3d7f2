import { evaluateCondition } from './expressions';
import { EngineError, type FlowNode, type SequenceFlow, type Variables } from './model';

/**
 * Chooses the outgoing flows a token takes (cf. bpmn-elements' outbound evaluator):
 * conditional flows in document order, the default flow only when no condition holds.
 */
export function selectOutgoing(
  node: FlowNode,
  flows: Record<string, SequenceFlow>,
  variables: Variables,
  takeOne: boolean,
): string[] {
  const candidates = node.outgoing.filter((id) => id !== node.defaultFlow);
  const taken: string[] = [];
  for (const id of candidates) {
    const flow = flows[id];
    if (flow.condition === undefined || evaluateCondition(id, flow.condition, variables)) {
      taken.push(id);
      if (takeOne) break;
    }
  }
  if (taken.length === 0 && node.defaultFlow) taken.push(node.defaultFlow);
  if (taken.length === 0 && node.outgoing.length > 0) {
    throw new EngineError(node.id, `没有可走的流向：所有条件均不成立且没有默认流 (no outgoing flow condition holds and there is no default flow)`);
  }
  return taken;
}
