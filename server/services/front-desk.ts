import type { CompiledProcess, FlowNode, SequenceFlow } from '../../workflows/engine/model';

/**
 * 无差别受理 (front-desk reception): every application of the centre is received first at the
 * 综合窗口 and only then passed to the department ("前台综合受理、后台分类审批、综合窗口出件",
 * 国办发〔2018〕45号). An item's own process usually starts at the department (受理审查); for such a
 * case the compiled graph gets a 综合窗口受理 task between its start event and its first step, with the
 * same decision as every window 受理: `accepted = true` goes on to the department, anything else ends
 * the case as 不予受理.
 *
 * The graph travels in the case's workflow input, so only cases started after this rule see the
 * extra step; running cases replay the graph they started with.
 */

export const FRONT_DESK = {
  task: 'front_desk_accept',
  gateway: 'front_desk_gateway',
  refused: 'front_desk_refused',
  group: 'window',
} as const;

/** Where the catalogue says the item is received; absent means the 综合窗口. */
export type Reception = '综合窗口' | '部门窗口';

/** The user tasks a token meets first from the start events, passing through automatic steps. */
function firstUserTasks(process: CompiledProcess): FlowNode[] {
  const seen = new Set<string>();
  const found: FlowNode[] = [];
  const queue = [...process.startNodeIds];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = process.nodes[id];
    if (!node) continue;
    if (node.type === 'userTask') {
      found.push(node);
      continue;
    }
    for (const flowId of node.outgoing) {
      const flow = process.flows[flowId];
      if (flow) queue.push(flow.targetRef);
    }
  }
  return found;
}

/** The window already receives this process's cases when one of its first tasks is the window's. */
export function receivedAtWindow(process: CompiledProcess): boolean {
  return firstUserTasks(process).some((n) => n.type === 'userTask' && (n.assignment?.candidateGroups ?? []).includes(FRONT_DESK.group));
}

/**
 * The process as a case of a catalogue item runs it: with the 综合窗口受理 step in front unless the
 * catalogue sends the item to the department's window, the process already starts at the window,
 * or it has no single plain start to put the step behind.
 */
export function withFrontDesk(process: CompiledProcess, reception: Reception | undefined): CompiledProcess {
  if (reception === '部门窗口' || receivedAtWindow(process) || process.startNodeIds.length !== 1) return process;
  const start = process.nodes[process.startNodeIds[0]!];
  if (!start || start.type !== 'startEvent' || start.outgoing.length !== 1 || process.nodes[FRONT_DESK.task]) return process;
  const firstFlow = process.flows[start.outgoing[0]!]!;
  const next = process.nodes[firstFlow.targetRef];
  if (!next) return process;

  const scope = start.scope;
  const at = <T extends object>(node: T) => (scope ? { ...node, scope } : node);
  const flows: Record<string, SequenceFlow> = {
    ...process.flows,
    [firstFlow.id]: { ...firstFlow, targetRef: FRONT_DESK.task },
    front_desk_to_gateway: { id: 'front_desk_to_gateway', sourceRef: FRONT_DESK.task, targetRef: FRONT_DESK.gateway },
    front_desk_accepted: {
      id: 'front_desk_accepted',
      name: '受理',
      sourceRef: FRONT_DESK.gateway,
      targetRef: next.id,
      condition: '=accepted = true',
    },
    front_desk_not_accepted: {
      id: 'front_desk_not_accepted',
      name: '不予受理',
      sourceRef: FRONT_DESK.gateway,
      targetRef: FRONT_DESK.refused,
    },
  };
  const nodes: Record<string, FlowNode> = {
    ...process.nodes,
    [next.id]: { ...next, incoming: next.incoming.map((f) => (f === firstFlow.id ? 'front_desk_accepted' : f)) } as FlowNode,
    [FRONT_DESK.task]: at({
      id: FRONT_DESK.task,
      type: 'userTask',
      name: '综合窗口受理',
      incoming: [firstFlow.id],
      outgoing: ['front_desk_to_gateway'],
      assignment: { candidateGroups: [FRONT_DESK.group] },
    }) as FlowNode,
    [FRONT_DESK.gateway]: at({
      id: FRONT_DESK.gateway,
      type: 'exclusiveGateway',
      name: '是否受理？',
      incoming: ['front_desk_to_gateway'],
      outgoing: ['front_desk_accepted', 'front_desk_not_accepted'],
      defaultFlow: 'front_desk_not_accepted',
    }) as FlowNode,
    [FRONT_DESK.refused]: at({
      id: FRONT_DESK.refused,
      type: 'endEvent',
      name: '不予受理',
      incoming: ['front_desk_not_accepted'],
      outgoing: [],
    }) as FlowNode,
  };
  return { ...process, nodes, flows };
}

/** The catalogue item's reception setting from its stored data. */
export function receptionOf(itemData: unknown): Reception | undefined {
  const value = (itemData as { reception?: unknown } | null)?.reception;
  return value === '综合窗口' || value === '部门窗口' ? value : undefined;
}
