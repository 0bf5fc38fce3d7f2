import { createHash } from 'node:crypto';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { ROOT_SCOPE, type CompiledProcess, type FlowNode, type ScopeDefinition, type SequenceFlow } from '../../workflows/engine/model';
import { compileNode, feelSyntaxError, type El } from './compile-node';
import { readStartRule } from './start-rule';
import { validateGraph } from './validate-graph';

/** One problem found in a definition, naming the element (BPMN id) it concerns. */
export interface DefinitionProblem {
  elementId?: string;
  message: string;
}

export type CompileResult =
  { ok: true; process: CompiledProcess; hash: string; name?: string } | { ok: false; problems: DefinitionProblem[] };

// Elements with no run-time meaning: documentation, data and grouping artefacts.
const IGNORED = [
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
];

/**
 * Parser warnings that do not affect execution: an encoding declaration moddle falls back from, references
 * from the diagram (DI) layer, and foreign attributes. Everything else is a compile error.
 */
function harmlessWarning(w: { message: string; element?: El }): boolean {
  if (/unsupported document encoding/.test(w.message)) return true;
  if (/unknown attribute/.test(w.message)) return true;
  if (/unresolved reference/.test(w.message)) {
    const type: string = w.element?.$type ?? '';
    return type.startsWith('bpmndi:') || type === 'bpmn:MultiInstanceLoopCharacteristics';
  }
  return false;
}

const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });

export function hashXml(xml: string): string {
  return createHash('sha256').update(xml).digest('hex');
}

/** Parses, validates and compiles BPMN XML into the runtime's plain-JSON graph. */
export async function compileProcess(xml: string, options: { processId?: string } = {}): Promise<CompileResult> {
  let definitions: El;
  // Parser warnings (an unresolved reference, a misplaced element) are reported with everything the
  // later checks find, so a modeller sees every problem of the file in one round.
  let parseProblems: DefinitionProblem[];
  const unresolvedFlows = new Set<string>();
  try {
    const parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
    definitions = parsed.rootElement;
    const warnings: El[] = parsed.warnings.filter((w: El) => !harmlessWarning(w));
    parseProblems = warnings.map(parseProblem);
    for (const w of warnings)
      if (w.element?.$type === 'bpmn:SequenceFlow' && /unresolved reference/.test(w.message) && w.element.id)
        unresolvedFlows.add(w.element.id);
  } catch (err) {
    return { ok: false, problems: [{ message: `XML 无法解析 (malformed XML): ${(err as Error).message}` }] };
  }
  if (!definitions)
    return {
      ok: false,
      problems: parseProblems.length ? parseProblems : [{ message: 'XML 中没有 BPMN 定义 (no bpmn:definitions element)' }],
    };
  const withParseProblems = (result: CompileResult): CompileResult => {
    if (parseProblems.length === 0) return result;
    return { ok: false, problems: dedupe([...parseProblems, ...(result.ok ? [] : result.problems)]) };
  };

  const processes: El[] = (definitions.rootElements ?? []).filter((e: El) => e.$instanceOf('bpmn:Process'));
  const chosen = options.processId ? processes.filter((p) => p.id === options.processId) : processes.filter((p) => p.isExecutable === true);
  if (chosen.length !== 1) {
    const ids = processes.map((p) => p.id).join(', ');
    const problem: DefinitionProblem =
      chosen.length === 0
        ? {
            elementId: processes[0]?.id,
            message: `定义中没有可执行流程 (no executable process: isExecutable="true" is required); processes: ${ids || 'none'}`,
          }
        : {
            elementId: chosen[1]?.id,
            message: `定义必须恰好包含一个可执行流程，实际 ${chosen.length} 个 (a definition must hold exactly one executable process): ${ids}`,
          };
    // Still check the first process, so the modeller learns every problem in one round.
    const rest = processes[0] ? compileProcessElement(processes[0], processes, '', unresolvedFlows) : undefined;
    return withParseProblems({ ok: false, problems: [problem, ...(rest && !rest.ok ? rest.problems : [])] });
  }
  return withParseProblems(compileProcessElement(chosen[0], processes, hashXml(xml), unresolvedFlows));
}

/** A parser warning as a problem; a sequence flow pointing nowhere says which end and where. */
function parseProblem(w: El): DefinitionProblem {
  const end = w.property === 'bpmn:targetRef' ? 'targetRef' : w.property === 'bpmn:sourceRef' ? 'sourceRef' : undefined;
  if (w.element?.$type === 'bpmn:SequenceFlow' && end && /unresolved reference/.test(w.message)) {
    return {
      elementId: w.element.id,
      message: `顺序流 ${w.element.id} 的 ${end} 指向不存在的元素 ${w.value} (sequence flow ${end} points to an element that does not exist: ${w.value})`,
    };
  }
  return { elementId: w.element?.id, message: `XML 解析错误 (parse error): ${w.message}` };
}

/** `unresolvedFlows`: flows whose missing end the parser already reported. */
function compileProcessElement(proc: El, allProcesses: El[], hash: string, unresolvedFlows: Set<string>): CompileResult {
  const problems: DefinitionProblem[] = [];
  const nodes: Record<string, FlowNode> = {};
  const flows: Record<string, SequenceFlow> = {};
  const scopes: Record<string, ScopeDefinition> = {};
  const associations: El[] = [];
  /** Elements the compiler refused (already reported): flows to them are not problems of their own. */
  const refused = new Set<string>();
  let anonymous = 0;

  const walk = (container: El, scope: string | undefined) => {
    associations.push(...(container.artifacts ?? []).filter((a: El) => a.$instanceOf('bpmn:Association')));
    for (const el of container.flowElements ?? []) {
      if (el.$instanceOf('bpmn:SequenceFlow')) {
        const flow = compileFlow(el, problems);
        if (!flow.id) flow.id = `flow-${++anonymous}-${flow.sourceRef}-${flow.targetRef}`; // several peer files omit flow ids
        flows[flow.id] = flow;
        continue;
      }
      if (IGNORED.some((t) => el.$instanceOf(t))) continue;
      const node = compileNode(el, scope, problems, allProcesses);
      if (!node) {
        if (el.id) refused.add(el.id);
        continue;
      }
      if (nodes[node.id]) problems.push({ elementId: node.id, message: '元素 id 重复 (duplicate element id)' });
      nodes[node.id] = node;
      if (node.type === 'subProcess') walk(el, node.id);
    }
  };
  walk(proc, undefined);

  for (const flow of Object.values(flows)) {
    const source = nodes[flow.sourceRef];
    const target = nodes[flow.targetRef];
    if (!source || !target) {
      // A flow whose other end is already reported (unresolved, or a refused element) still connects
      // this end, so the graph checks do not report the same problem again.
      if (unresolvedFlows.has(flow.id) || refused.has(flow.sourceRef) || refused.has(flow.targetRef)) {
        source?.outgoing.push(flow.id);
        target?.incoming.push(flow.id);
        continue;
      }
      problems.push({
        elementId: flow.id,
        message: `顺序流 ${flow.id} 连接了不存在或不支持的元素 (sequence flow has a missing source or target: ${flow.sourceRef ?? '?'} → ${flow.targetRef ?? '?'})`,
      });
      continue;
    }
    if (source.scope !== target.scope)
      problems.push({ elementId: flow.id, message: '顺序流不能跨越子流程边界 (sequence flow crosses a subprocess boundary)' });
    source.outgoing.push(flow.id);
    target.incoming.push(flow.id);
  }

  // Boundary events hang on their activity; compensation boundaries point at their handler by association.
  for (const node of Object.values(nodes)) {
    if (node.type !== 'boundaryEvent') continue;
    const host = node.attachedTo ? nodes[node.attachedTo] : undefined;
    if (!host) {
      problems.push({
        elementId: node.id,
        message: `边界事件附着的活动不存在 (boundary event is attached to an unknown activity) ${node.attachedTo ?? ''}`,
      });
      continue;
    }
    node.scope = host.scope;
    host.boundaries = [...(host.boundaries ?? []), node.id];
    if (node.event?.kind === 'compensate') {
      const assoc = associations.find((a) => a.sourceRef?.id === node.id);
      const handler = assoc?.targetRef?.id ? nodes[assoc.targetRef.id] : undefined;
      if (!handler?.isForCompensation)
        problems.push({
          elementId: node.id,
          message: '补偿边界事件需要关联一个补偿处理活动 (compensation boundary needs an associated activity with isForCompensation)',
        });
      else host.compensationHandler = handler.id;
    }
  }

  // Scopes: the process and every subprocess, with their start events and event subprocesses.
  const scopeIds = [
    ROOT_SCOPE,
    ...Object.values(nodes)
      .filter((n) => n.type === 'subProcess')
      .map((n) => n.id),
  ];
  for (const scopeId of scopeIds) {
    const inScope = Object.values(nodes).filter((n) => (n.scope ?? ROOT_SCOPE) === scopeId);
    const starts = inScope.filter((n) => n.type === 'startEvent');
    const scopeNode = nodes[scopeId];
    const esp = scopeId !== ROOT_SCOPE && scopeNode?.type === 'subProcess' && scopeNode.triggeredByEvent;
    let startNodeIds = starts.filter((n) => !n.event || n.event.kind === 'none').map((n) => n.id);
    if (scopeId === ROOT_SCOPE && startNodeIds.length === 0)
      startNodeIds = starts.filter((n) => n.event?.kind === 'message' || n.event?.kind === 'timer').map((n) => n.id);
    if (esp) startNodeIds = starts.map((n) => n.id);
    scopes[scopeId] = {
      startNodeIds,
      eventSubProcesses: inScope.filter((n) => n.type === 'subProcess' && n.triggeredByEvent).map((n) => n.id),
    };
    const where = scopeId === ROOT_SCOPE ? proc.id : scopeId;
    if (esp) {
      if (starts.length !== 1 || !starts[0]?.event || starts[0].event.kind === 'none') {
        problems.push({
          elementId: where,
          message: '事件子流程必须恰好有一个带触发事件的启动事件 (an event subprocess needs exactly one start event with a trigger)',
        });
      }
    } else if (startNodeIds.length !== 1) {
      const unsupported = starts.find((n) => n.event && !['none', 'message', 'timer'].includes(n.event.kind));
      problems.push({
        elementId: unsupported?.id ?? where,
        message: unsupported
          ? `不支持的启动事件 (unsupported start event) ${unsupported.event?.kind}`
          : `${scopeId === ROOT_SCOPE ? '流程' : '子流程'}必须恰好有一个启动事件 (a ${scopeId === ROOT_SCOPE ? 'process' : 'subprocess'} needs exactly one start event), found ${startNodeIds.length}`,
      });
    }
  }

  validateGraph(nodes, flows, problems);
  const start = readStartRule(proc, problems);
  if (problems.length) return { ok: false, problems: dedupe(problems) };
  const startNodeIds = scopes[ROOT_SCOPE]?.startNodeIds ?? [];
  return {
    ok: true,
    hash,
    name: proc.name,
    process: { key: proc.id, name: proc.name, nodes, flows, startNodeIds, scopes, ...(start ? { start } : {}) },
  };
}

function compileFlow(el: El, problems: DefinitionProblem[]): SequenceFlow {
  const flow: SequenceFlow = { id: el.id, sourceRef: el.sourceRef?.id, targetRef: el.targetRef?.id };
  if (el.name) flow.name = el.name;
  const body: string | undefined = el.conditionExpression?.body;
  if (el.conditionExpression && body === undefined)
    problems.push({ elementId: el.id, message: '条件表达式为空 (empty condition expression)' });
  if (body !== undefined) {
    if (!body.trim()) problems.push({ elementId: el.id ?? el.sourceRef?.id, message: '条件表达式为空 (empty condition expression)' });
    flow.condition = body.trim();
    const syntaxError = feelSyntaxError(flow.condition);
    if (syntaxError)
      problems.push({
        elementId: el.id ?? el.sourceRef?.id,
        message: `FEEL 语法错误 (FEEL syntax error) in "${flow.condition}": ${syntaxError}`,
      });
  }
  return flow;
}

function dedupe(problems: DefinitionProblem[]): DefinitionProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.elementId}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
