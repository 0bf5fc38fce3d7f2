import type { FlowNode, SequenceFlow } from '../../workflows/engine/model';
import type { DefinitionProblem } from './compile-process';

const GATEWAYS = ['exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'eventBasedGateway'];

/** Structural checks on the compiled graph; every problem names the element it is about. */
export function validateGraph(nodes: Record<string, FlowNode>, flows: Record<string, SequenceFlow>, problems: DefinitionProblem[]): void {
  const problem = (elementId: string, message: string) => problems.push({ elementId, message });
  for (const node of Object.values(nodes)) {
    const entryPoint =
      node.type === 'startEvent' ||
      node.type === 'boundaryEvent' ||
      (node.type === 'subProcess' && node.triggeredByEvent) ||
      node.isForCompensation ||
      (node.type === 'intermediateCatchEvent' && node.event?.kind === 'link');
    if (!entryPoint && node.incoming.length === 0)
      problem(node.id, `元素 ${node.id} 没有入口顺序流 (element has no incoming sequence flow)`);
    if (node.isForCompensation && (node.incoming.length || node.outgoing.length))
      problem(node.id, '补偿处理活动不能有顺序流 (a compensation handler has no sequence flows)');
    const needsOutgoing =
      GATEWAYS.includes(node.type) ||
      ['startEvent', 'intermediateCatchEvent', 'boundaryEvent'].includes(node.type) ||
      (node.type === 'intermediateThrowEvent' && node.event?.kind !== 'link');
    if (needsOutgoing && node.outgoing.length === 0 && !(node.type === 'boundaryEvent' && node.event?.kind === 'compensate')) {
      problem(node.id, `元素 ${node.id} 没有出口顺序流 (element has no outgoing sequence flow)`);
    }
    if (node.type === 'endEvent' && node.outgoing.length) problem(node.id, '结束事件不能有出口顺序流 (an end event has no outgoing flows)');
    if ((node.type === 'exclusiveGateway' || node.type === 'inclusiveGateway') && node.outgoing.length > 1) {
      for (const flowId of node.outgoing) {
        if (flowId !== node.defaultFlow && flows[flowId]?.condition === undefined) {
          problem(
            node.id,
            `网关 ${node.id} 的非默认流 ${flowId} 缺少条件 (outgoing sequence flow ${flowId} of gateway ${node.id} has no condition and is not the default flow)`,
          );
        }
      }
    }
    if (node.defaultFlow && !node.outgoing.includes(node.defaultFlow)) {
      problem(node.id, `默认流 ${node.defaultFlow} 不是该元素的出口 (default flow is not outgoing)`);
    }
    if (node.type === 'eventBasedGateway') {
      for (const flowId of node.outgoing) {
        const target = nodes[flows[flowId]?.targetRef ?? ''];
        const ok = target && ((target.type === 'intermediateCatchEvent' && target.event?.kind !== 'link') || target.type === 'receiveTask');
        if (!ok)
          problem(
            node.id,
            `事件网关之后必须是捕获事件或接收任务 (an event-based gateway must lead to catch events or receive tasks): ${flows[flowId]?.targetRef}`,
          );
        if (target && target.incoming.length > 1 && new Set(target.incoming.map((f) => flows[f]?.sourceRef)).size > 1) {
          problem(
            target.id,
            '事件网关之后的捕获事件不能有其他入口 (a catch event after an event-based gateway has no other incoming flows)',
          );
        }
      }
    }
    if (node.type === 'subProcess' && node.triggeredByEvent && (node.incoming.length || node.outgoing.length)) {
      problem(node.id, '事件子流程不能有顺序流 (an event subprocess has no sequence flows)');
    }
  }
  const links = Object.values(nodes).filter((n) => n.event?.kind === 'link');
  for (const thrower of links.filter((n) => n.type === 'intermediateThrowEvent')) {
    const catchers = links.filter(
      (n) => n.type === 'intermediateCatchEvent' && n.event?.name === thrower.event?.name && n.scope === thrower.scope,
    );
    if (catchers.length !== 1)
      problem(
        thrower.id,
        `链接事件 "${thrower.event?.name}" 需要恰好一个同名捕获事件 (a link throw needs exactly one link catch of the same name)`,
      );
  }
}
