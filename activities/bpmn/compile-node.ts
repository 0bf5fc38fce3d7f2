import { stripFeelMarker } from '../../workflows/engine/expressions';
import { feelProblem } from '../../workflows/engine/feel-limits';
import type { DecisionTable, EventDefinition, EventKind, FlowNode, IoMapping, NodeType } from '../../workflows/engine/model';
import { timerProblem } from '../../workflows/engine/timers';
import type { DefinitionProblem } from './compile-process';

// moddle elements are loosely typed; keep the `any` confined to the compiler.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type El = any;

// Moddle types we execute (exact types: a bpmn:Transaction is a SubProcess subtype we do not run).
const EXECUTABLE: Record<string, NodeType> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
};

const EVENT_KINDS: Record<string, EventKind> = {
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:CompensateEventDefinition': 'compensate',
  'bpmn:LinkEventDefinition': 'link',
};

// Which event kinds each event element supports.
const ALLOWED_EVENTS: Partial<Record<NodeType, EventKind[]>> = {
  startEvent: ['none', 'timer', 'message', 'signal', 'error', 'escalation'],
  endEvent: ['none', 'terminate', 'error', 'escalation', 'message', 'compensate'],
  intermediateCatchEvent: ['timer', 'message', 'signal', 'link'],
  intermediateThrowEvent: ['none', 'escalation', 'message', 'link', 'compensate'],
  boundaryEvent: ['timer', 'message', 'signal', 'error', 'escalation', 'compensate'],
};

const JOB_TYPES: NodeType[] = ['serviceTask', 'sendTask'];

/** Compiles one flow element; returns undefined (with a problem naming it) when we do not execute it. */
export function compileNode(el: El, scope: string | undefined, problems: DefinitionProblem[], allProcesses: El[]): FlowNode | undefined {
  const type = EXECUTABLE[el.$type];
  const label = `${el.$type}${el.name ? ` "${el.name}"` : ''}`;
  if (!type) {
    problems.push({ elementId: el.id, message: `不支持的元素 (unsupported element) ${label}` });
    return undefined;
  }
  const problem = (message: string) => problems.push({ elementId: el.id, message });
  const node: FlowNode = { id: el.id, type, incoming: [], outgoing: [] };
  if (scope) node.scope = scope;
  if (el.name) node.name = el.name;
  if (el.default) node.defaultFlow = el.default.id;
  const ext = extensions(el);
  const find = (t: string) => ext.find((e: El) => e.$instanceOf(t));

  // Events
  const allowed = ALLOWED_EVENTS[type];
  if (allowed) {
    const defs = el.eventDefinitions ?? [];
    if (defs.length > 1) problem(`不支持多重事件 (multiple event definitions are not supported)`);
    const event = defs[0] ? compileEvent(defs[0], el, problem, type === 'startEvent' && !scope) : ({ kind: 'none' } as EventDefinition);
    if (event && !allowed.includes(event.kind)) problem(`不支持的事件 (unsupported event) ${defs[0]?.$type ?? 'none'} on ${label}`);
    if (event && event.kind !== 'none') node.event = event;
    if (type === 'boundaryEvent') {
      node.attachedTo = el.attachedToRef?.id;
      node.cancelActivity = el.cancelActivity !== false;
    }
    if (type === 'startEvent') {
      if (el.isInterrupting === false) node.interrupting = false;
      if (!scope && event && ['signal', 'error', 'escalation'].includes(event.kind)) problem(`流程级不支持该启动事件 (unsupported process start event) ${event.kind}`);
    }
    if (event?.kind === 'message' && (type === 'endEvent' || type === 'intermediateThrowEvent')) {
      const def = find('zeebe:TaskDefinition');
      if (!def?.type) problem('消息抛出事件需要 zeebe:taskDefinition 发送消息 (a message throw/end event needs a zeebe:taskDefinition job)');
      else node.taskDefinition = taskDefinition(def);
    }
  } else if ((el.eventDefinitions ?? []).length) {
    problem(`不支持的事件定义 (unsupported event definition) ${el.eventDefinitions[0].$type}`);
  }

  // Tasks
  if (JOB_TYPES.includes(type) || ((type === 'scriptTask' || type === 'businessRuleTask') && find('zeebe:TaskDefinition'))) {
    const def = find('zeebe:TaskDefinition');
    if (!def?.type) problem(`${type === 'sendTask' ? '发送任务' : '服务任务'}缺少 zeebe:taskDefinition type (needs a task type)`);
    else node.taskDefinition = taskDefinition(def);
  } else if (type === 'scriptTask') {
    const script = find('zeebe:Script');
    if (!script?.expression || !script.resultVariable) {
      problem(`脚本任务只支持 FEEL：需要 zeebe:script expression 与 resultVariable (script tasks run FEEL only; ${el.scriptFormat ? `scriptFormat "${el.scriptFormat}" is not supported` : 'no zeebe:script'})`);
    } else {
      node.script = { expression: script.expression, resultVariable: script.resultVariable };
      checkFeel(script.expression, problem);
    }
  } else if (type === 'businessRuleTask') {
    node.decision = decisionTable(el, ext, problem);
  }
  if (type === 'userTask') compileUserTask(el, node, find, problem);
  if (type === 'receiveTask') {
    node.event = { kind: 'message', name: el.messageRef?.name ?? el.id };
    const key = subscriptionKey(el.messageRef);
    if (key) node.event.correlationKey = key;
  }
  if (type === 'callActivity') {
    const called = find('zeebe:CalledElement');
    const processKey: string | undefined = called?.processId ?? el.calledElement;
    if (!processKey) problem('调用活动缺少被调用流程 (call activity needs zeebe:calledElement processId or calledElement)');
    else {
      const local = allProcesses.find((p) => p.id === processKey);
      if (local && local.isExecutable !== true) problem(`被调用的流程 ${processKey} 不可执行 (the called process is not executable)`);
      node.calledElement = {
        processKey,
        binding: called?.bindingType === 'deployment' ? 'deployment' : 'latest',
        propagateAllChildVariables: called?.propagateAllChildVariables !== false,
      };
    }
  }
  if (type === 'subProcess' && el.triggeredByEvent) node.triggeredByEvent = true;
  if (el.isForCompensation) node.isForCompensation = true;

  // Input/output mappings
  const io = find('zeebe:IoMapping');
  if (io) {
    const map = (list: El[] | undefined): IoMapping[] =>
      (list ?? []).map((m: El) => {
        if (!m.target || m.source === undefined) problem('变量映射需要 source 和 target (an io mapping needs source and target)');
        checkFeel(String(m.source ?? ''), problem);
        return { source: String(m.source ?? 'null'), target: String(m.target ?? '') };
      });
    const inputs = map(io.inputParameters);
    const outputs = map(io.outputParameters);
    if (inputs.length) node.inputs = inputs;
    if (outputs.length) node.outputs = outputs;
  }

  // Loops
  const loop = el.loopCharacteristics;
  if (loop) {
    if (loop.$instanceOf('bpmn:MultiInstanceLoopCharacteristics')) compileMultiInstance(el, loop, node, problem);
    else if (loop.$instanceOf('bpmn:StandardLoopCharacteristics')) {
      node.loop = { testBefore: loop.testBefore === true };
      if (loop.loopCondition?.body) {
        const condition: string = loop.loopCondition.body.trim();
        node.loop.condition = condition;
        checkFeel(condition, problem);
      }
      if (loop.loopMaximum !== undefined) node.loop.maximum = Number(loop.loopMaximum);
      if (!node.loop.condition && node.loop.maximum === undefined) problem('标准循环需要 loopCondition 或 loopMaximum (a standard loop needs a loopCondition or loopMaximum)');
    }
  }
  return node;
}

function compileEvent(def: El, el: El, problem: (m: string) => void, processStart = false): EventDefinition | undefined {
  const kind = EVENT_KINDS[def.$type];
  if (!kind) {
    problem(`不支持的事件定义 (unsupported event definition) ${def.$type}`);
    return undefined;
  }
  const event: EventDefinition = { kind };
  if (kind === 'timer') {
    const [k, expr] = def.timeDuration ? ['duration', def.timeDuration] : def.timeDate ? ['date', def.timeDate] : def.timeCycle ? ['cycle', def.timeCycle] : [undefined, undefined];
    if (!k || !expr?.body?.trim()) problem('定时器缺少 timeDuration/timeDate/timeCycle (timer needs a duration, date or cycle)');
    else {
      event.timer = { kind: k as 'duration' | 'date' | 'cycle', value: expr.body.trim() };
      // A process-level timer start runs as a Temporal Schedule, which also reads cron cycles.
      const bad = timerProblem(event.timer, { cronAllowed: processStart });
      if (bad) problem(bad);
      if (event.timer.value.startsWith('=')) checkFeel(event.timer.value, problem);
    }
  }
  if (kind === 'message') {
    if (!def.messageRef?.name && el.$type !== 'bpmn:StartEvent') problem('消息事件缺少 messageRef 名称 (message event needs a message with a name)');
    event.name = def.messageRef?.name ?? el.id;
    const key = subscriptionKey(def.messageRef);
    if (key) event.correlationKey = key;
  }
  if (kind === 'signal') {
    if (!def.signalRef?.name) problem('信号事件缺少 signalRef 名称 (signal event needs a named signal)');
    event.name = def.signalRef?.name;
  }
  if (kind === 'error' && def.errorRef) event.code = def.errorRef.errorCode ?? def.errorRef.id;
  if (kind === 'escalation' && def.escalationRef) event.code = def.escalationRef.escalationCode ?? def.escalationRef.id;
  if ((kind === 'error' || kind === 'escalation') && !event.code && el.$type !== 'bpmn:BoundaryEvent' && el.$type !== 'bpmn:StartEvent') {
    problem(`抛出${kind === 'error' ? '错误' : '升级'}事件需要代码 (a throwing ${kind} event needs an ${kind}Ref with a code)`);
  }
  if (kind === 'link') event.name = def.name ?? el.name ?? '';
  if (kind === 'compensate' && def.activityRef) event.activityRef = def.activityRef.id;
  return event;
}

function subscriptionKey(message: El): string | undefined {
  const sub = (message?.extensionElements?.values ?? []).find((e: El) => e.$instanceOf('zeebe:Subscription'));
  return sub?.correlationKey;
}

function compileUserTask(el: El, node: FlowNode, find: (t: string) => El, problem: (m: string) => void): void {
  const assignment = find('zeebe:AssignmentDefinition');
  if (assignment) {
    node.assignment = {
      ...(assignment.assignee ? { assignee: assignment.assignee } : {}),
      ...(assignment.candidateGroups ? { candidateGroups: listOrExpression(assignment.candidateGroups) } : {}),
      ...(assignment.candidateUsers ? { candidateUsers: listOrExpression(assignment.candidateUsers) } : {}),
    };
    for (const v of [assignment.assignee, assignment.candidateGroups, assignment.candidateUsers]) if (v) checkFeel(v, problem);
  }
  const form = find('zeebe:FormDefinition');
  if (form?.formKey ?? form?.formId) node.formKey = form.formKey ?? form.formId;
  const schedule = find('zeebe:TaskSchedule');
  if (schedule?.dueDate) node.dueDate = schedule.dueDate;
  if (schedule?.followUpDate) node.followUpDate = schedule.followUpDate;
  const priority = find('zeebe:PriorityDefinition');
  if (priority?.priority !== undefined) node.priority = String(priority.priority);
  void el;
}

function compileMultiInstance(el: El, loop: El, node: FlowNode, problem: (m: string) => void): void {
  const zeebe = (loop.extensionElements?.values ?? []).find((e: El) => e.$instanceOf('zeebe:LoopCharacteristics'));
  node.multiInstance = { sequential: loop.isSequential === true };
  const mi = node.multiInstance;
  if (zeebe?.inputCollection) mi.collection = zeebe.inputCollection;
  if (zeebe?.inputElement) mi.elementVariable = zeebe.inputElement;
  if (zeebe?.outputCollection) mi.outputCollection = zeebe.outputCollection;
  if (zeebe?.outputElement) mi.outputElement = zeebe.outputElement;
  if (loop.loopCardinality?.body) mi.cardinality = loop.loopCardinality.body.trim();
  if (loop.completionCondition?.body) mi.completionCondition = loop.completionCondition.body.trim();
  if (!mi.collection && !mi.cardinality) problem('多实例需要 zeebe:loopCharacteristics inputCollection 或 loopCardinality (multi-instance needs an input collection or a loop cardinality)');
  for (const expr of [mi.collection, mi.cardinality, mi.completionCondition, mi.outputElement]) if (expr) checkFeel(expr, problem);
  if (mi.outputCollection && !mi.outputElement) problem('outputCollection 需要 outputElement (outputCollection needs an outputElement)');
  void el;
}

function decisionTable(el: El, ext: El[], problem: (m: string) => void): { table: DecisionTable; resultVariable: string } | undefined {
  const props = ext.find((e: El) => e.$instanceOf('zeebe:Properties'));
  const get = (name: string) => (props?.properties ?? []).find((p: El) => p.name === name)?.value as string | undefined;
  const called = ext.find((e: El) => e.$instanceOf('zeebe:CalledDecision'));
  const raw = get('decisionTable');
  const resultVariable = called?.resultVariable ?? get('resultVariable');
  if (!raw || !resultVariable) {
    problem('业务规则任务需要 FEEL 决策表 (zeebe:property "decisionTable" JSON) 与 resultVariable，或 zeebe:taskDefinition (business rule task needs a FEEL decision table and a result variable, or a job type)');
    return undefined;
  }
  let table: DecisionTable;
  try {
    table = JSON.parse(raw) as DecisionTable;
  } catch (err) {
    problem(`决策表不是有效 JSON (decision table is not valid JSON): ${(err as Error).message}`);
    return undefined;
  }
  table.hitPolicy = table.hitPolicy ?? 'FIRST';
  if (!['FIRST', 'UNIQUE', 'COLLECT'].includes(table.hitPolicy)) problem(`不支持的命中策略 (unsupported hit policy) ${table.hitPolicy}`);
  if (!Array.isArray(table.inputs) || !Array.isArray(table.outputs) || !Array.isArray(table.rules)) {
    problem('决策表需要 inputs、outputs、rules 数组 (decision table needs inputs, outputs and rules arrays)');
    return undefined;
  }
  for (const expr of table.inputs) checkFeel(expr, problem);
  table.rules.forEach((rule, i) => {
    if (rule.when?.length !== table.inputs.length || rule.then?.length !== table.outputs.length) problem(`决策表第 ${i + 1} 条规则的列数不符 (rule ${i + 1} has the wrong number of entries)`);
    for (const test of rule.when ?? []) {
      if (test.trim() === '-' || test.trim() === '') continue;
      const error = feelProblem(test, 'unaryTests');
      if (error) problem(`决策表第 ${i + 1} 条规则 FEEL 语法错误 (FEEL syntax error in rule ${i + 1}) "${test}": ${error}`);
    }
    for (const expr of rule.then ?? []) checkFeel(expr, problem);
  });
  void el;
  return { table, resultVariable };
}

function taskDefinition(def: El): { type: string; retries: number } {
  const retries = def.retries === undefined ? 3 : Number(def.retries);
  return { type: def.type, retries: Number.isFinite(retries) && retries >= 1 ? retries : 3 };
}

function checkFeel(expression: string, problem: (m: string) => void): void {
  if (!expression.trim().startsWith('=') && !/[=<>()]/.test(expression)) return; // static literal
  const error = feelSyntaxError(expression);
  if (error) problem(`FEEL 语法错误 (FEEL syntax error) in "${expression}": ${error}`);
}

/** Deploy only parses and checks the bounds (feel-limits): an admin's expression never runs here. */
export function feelSyntaxError(expression: string): string | undefined {
  return feelProblem(stripFeelMarker(expression));
}

function extensions(el: El): El[] {
  return el.extensionElements?.values ?? [];
}

/** `a, b` is a static list; `=expr` stays one expression evaluated at run time. */
function listOrExpression(value: string): string[] {
  return value.trim().startsWith('=') ? [value] : value.split(',').map((s) => s.trim()).filter(Boolean);
}
