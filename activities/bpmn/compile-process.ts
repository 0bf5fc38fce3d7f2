import { createHash } from 'node:crypto';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { evaluate } from 'feelin';
import { stripFeelMarker } from '../../workflows/engine/expressions';
import type { CompiledProcess, FlowNode, NodeType, SequenceFlow } from '../../workflows/engine/model';

/** One problem found in a definition, naming the element (BPMN id) it concerns. */
export interface DefinitionProblem {
  elementId?: string;
  message: string;
}

export type CompileResult =
  | { ok: true; process: CompiledProcess; hash: string; name?: string }
  | { ok: false; problems: DefinitionProblem[] };

// Moddle types we execute, mapped to the runtime's node types.
const EXECUTABLE: Record<string, NodeType> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
};
// Elements with no run-time meaning.
const IGNORED = ['bpmn:SequenceFlow', 'bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group'];

const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });

// moddle elements are loosely typed; keep the `any` confined to this reader.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type El = any;

export function hashXml(xml: string): string {
  return createHash('sha256').update(xml).digest('hex');
}

/** Parses, validates and compiles BPMN XML into the runtime's plain-JSON graph. */
export async function compileProcess(xml: string): Promise<CompileResult> {
  let definitions: El;
  try {
    const parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
    definitions = parsed.rootElement;
    const warnings = parsed.warnings.map((w: El) => ({
      elementId: w.element?.id,
      message: `XML 解析警告 (parse warning): ${w.message}`,
    }));
    if (warnings.length) return { ok: false, problems: warnings };
  } catch (err) {
    return { ok: false, problems: [{ message: `XML 无法解析 (malformed XML): ${(err as Error).message}` }] };
  }

  const processes = (definitions.rootElements ?? []).filter((e: El) => e.$instanceOf('bpmn:Process'));
  const executable = processes.filter((p: El) => p.isExecutable !== false);
  if (executable.length !== 1) {
    return {
      ok: false,
      problems: [{ message: `定义必须恰好包含一个可执行流程，实际 ${executable.length} 个 (a definition must hold exactly one executable process)` }],
    };
  }
  return compileProcessElement(executable[0], hashXml(xml));
}

function compileProcessElement(proc: El, hash: string): CompileResult {
  const problems: DefinitionProblem[] = [];
  const nodes: Record<string, FlowNode> = {};
  const flows: Record<string, SequenceFlow> = {};

  for (const el of proc.flowElements ?? []) {
    if (el.$instanceOf('bpmn:SequenceFlow')) {
      flows[el.id] = compileFlow(el, problems);
      continue;
    }
    const type = Object.entries(EXECUTABLE).find(([moddleType]) => el.$type === moddleType)?.[1];
    if (!type) {
      if (!IGNORED.some((t) => el.$instanceOf(t))) {
        problems.push({ elementId: el.id, message: `不支持的元素 (unsupported element) ${el.$type}${el.name ? ` "${el.name}"` : ''}` });
      }
      continue;
    }
    if ((el.eventDefinitions ?? []).length > 0) {
      problems.push({ elementId: el.id, message: `不支持的事件定义 (unsupported event definition) ${el.eventDefinitions[0].$type}` });
      continue;
    }
    nodes[el.id] = compileNode(el, type, problems);
  }

  for (const flow of Object.values(flows)) {
    const source = nodes[flow.sourceRef];
    const target = nodes[flow.targetRef];
    if (!source || !target) {
      problems.push({ elementId: flow.id, message: `顺序流连接了不存在或不支持的元素 (sequence flow has a missing source or target)` });
      continue;
    }
    source.outgoing.push(flow.id);
    target.incoming.push(flow.id);
  }
  validateGraph(nodes, flows, problems);

  const startNodeIds = Object.values(nodes).filter((n) => n.type === 'startEvent').map((n) => n.id);
  if (startNodeIds.length !== 1) {
    problems.push({ elementId: proc.id, message: `流程必须恰好有一个空启动事件 (a process needs exactly one none start event), found ${startNodeIds.length}` });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, hash, name: proc.name, process: { key: proc.id, name: proc.name, nodes, flows, startNodeIds } };
}

function compileFlow(el: El, problems: DefinitionProblem[]): SequenceFlow {
  const flow: SequenceFlow = { id: el.id, sourceRef: el.sourceRef?.id, targetRef: el.targetRef?.id };
  if (el.name) flow.name = el.name;
  const body: string | undefined = el.conditionExpression?.body;
  if (body !== undefined) {
    if (!body.trim()) problems.push({ elementId: el.id, message: '条件表达式为空 (empty condition expression)' });
    flow.condition = body.trim();
    const syntaxError = feelSyntaxError(flow.condition);
    if (syntaxError) problems.push({ elementId: el.id, message: `FEEL 语法错误 (FEEL syntax error) in "${flow.condition}": ${syntaxError}` });
  }
  return flow;
}

function compileNode(el: El, type: NodeType, problems: DefinitionProblem[]): FlowNode {
  const node: FlowNode = { id: el.id, type, incoming: [], outgoing: [] };
  if (el.name) node.name = el.name;
  if (el.default) node.defaultFlow = el.default.id;
  const ext = extensions(el);
  if (type === 'serviceTask') {
    const def = ext.find((e: El) => e.$instanceOf('zeebe:TaskDefinition'));
    if (!def?.type) {
      problems.push({ elementId: el.id, message: '服务任务缺少 zeebe:taskDefinition type (service task needs a task type)' });
    } else {
      const retries = def.retries === undefined ? 3 : Number(def.retries);
      node.taskDefinition = { type: def.type, retries: Number.isFinite(retries) ? retries : 3 };
    }
  }
  if (type === 'userTask') {
    const assignment = ext.find((e: El) => e.$instanceOf('zeebe:AssignmentDefinition'));
    if (assignment) {
      node.assignment = {
        ...(assignment.assignee ? { assignee: assignment.assignee } : {}),
        ...(assignment.candidateGroups ? { candidateGroups: splitList(assignment.candidateGroups) } : {}),
        ...(assignment.candidateUsers ? { candidateUsers: splitList(assignment.candidateUsers) } : {}),
      };
    }
    const form = ext.find((e: El) => e.$instanceOf('zeebe:FormDefinition'));
    if (form?.formKey ?? form?.formId) node.formKey = form.formKey ?? form.formId;
  }
  return node;
}

function validateGraph(nodes: Record<string, FlowNode>, flows: Record<string, SequenceFlow>, problems: DefinitionProblem[]): void {
  for (const node of Object.values(nodes)) {
    if (node.type !== 'startEvent' && node.incoming.length === 0) {
      problems.push({ elementId: node.id, message: '元素没有入口顺序流 (element has no incoming sequence flow)' });
    }
    if (node.type !== 'endEvent' && node.outgoing.length === 0) {
      problems.push({ elementId: node.id, message: '元素没有出口顺序流 (element has no outgoing sequence flow)' });
    }
    if (node.type === 'exclusiveGateway' && node.outgoing.length > 1) {
      for (const flowId of node.outgoing) {
        if (flowId !== node.defaultFlow && flows[flowId].condition === undefined) {
          problems.push({ elementId: flowId, message: '排他网关的非默认流缺少条件 (non-default flow of an exclusive gateway has no condition)' });
        }
      }
    }
    if (node.defaultFlow && !node.outgoing.includes(node.defaultFlow)) {
      problems.push({ elementId: node.id, message: `默认流 ${node.defaultFlow} 不是该元素的出口 (default flow is not outgoing)` });
    }
  }
}

/** feelin reports syntax errors when it builds the expression; unknown variables evaluate to null. */
function feelSyntaxError(expression: string): string | undefined {
  try {
    evaluate(stripFeelMarker(expression), {});
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function extensions(el: El): El[] {
  return el.extensionElements?.values ?? [];
}

function splitList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}
