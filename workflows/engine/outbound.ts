import { evaluateCondition, unknownNames } from './expressions';
import { EngineError, type FlowNode, type SequenceFlow, type Variables } from './model';

/**
 * Chooses the outgoing flows a token takes (cf. bpmn-elements' outbound evaluator):
 * conditional flows in document order, the default flow only when no condition holds.
 */
export function selectOutgoing(node: FlowNode, flows: Record<string, SequenceFlow>, variables: Variables, takeOne: boolean): string[] {
  const candidates = node.outgoing.filter((id) => id !== node.defaultFlow);
  const taken: string[] = [];
  for (const id of candidates) {
    const flow = flows[id] as SequenceFlow;
    if (flow.condition === undefined || evaluateCondition(id, flow.condition, variables)) {
      taken.push(id);
      if (takeOne) break;
    }
  }
  if (taken.length === 0 && node.defaultFlow) taken.push(node.defaultFlow);
  if (taken.length === 0 && node.outgoing.length > 0) {
    const unknown = [...new Set(candidates.flatMap((id) => unknownNames(flows[id]?.condition ?? '', variables)))];
    throw new EngineError(
      node.id,
      `元素 ${node.id} 没有可走的流向：所有条件均不成立且没有默认流 (no outgoing sequence flow of ${node.id} could be selected)` +
        (unknown.length ? `；条件引用了未定义的变量 (unknown variables): ${unknown.join(', ')}` : ''),
    );
  }
  return taken;
}
