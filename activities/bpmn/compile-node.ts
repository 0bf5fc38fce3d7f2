import { checkFeel, feelSyntaxError, subscriptionKey } from '../../workflows/engine/elements/compile-helpers';
import { kindOfModdle, type CompileContext, type El } from '../../workflows/engine/elements';
import type { EventDefinition, EventKind, FlowNode, IoMapping } from '../../workflows/engine/model';
import { timerProblem } from '../../workflows/engine/timers';
import type { DefinitionProblem } from './compile-process';

export { feelSyntaxError };
export type { El };

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

/**
 * Compiles one flow element; returns undefined (with a problem naming it) when we do not execute it.
 * What every kind shares is done here; the kind's descriptor (workflows/engine/elements) adds its own.
 */
export function compileNode(el: El, scope: string | undefined, problems: DefinitionProblem[], allProcesses: El[]): FlowNode | undefined {
  const kind = kindOfModdle(el.$type);
  const label = `${el.$type}${el.name ? ` "${el.name}"` : ''}`;
  if (!kind) {
    problems.push({ elementId: el.id, message: `不支持的元素 (unsupported element) ${label}` });
    return undefined;
  }
  const problem = (message: string) => problems.push({ elementId: el.id, message });
  const node = { id: el.id, type: kind.type, incoming: [], outgoing: [] } as FlowNode;
  if (scope) node.scope = scope;
  if (el.name) node.name = el.name;
  if (el.default) node.defaultFlow = el.default.id;
  const ext = extensions(el);
  const find = (t: string) => ext.find((e: El) => e.$instanceOf(t));

  // Events
  let event: EventDefinition | undefined;
  const allowed = kind.events;
  if (allowed) {
    const defs = el.eventDefinitions ?? [];
    if (defs.length > 1) problem(`不支持多重事件 (multiple event definitions are not supported)`);
    event = defs[0] ? compileEvent(defs[0], el, problem, kind.type === 'startEvent' && !scope) : ({ kind: 'none' } as EventDefinition);
    if (event && !allowed.includes(event.kind)) problem(`不支持的事件 (unsupported event) ${defs[0]?.$type ?? 'none'} on ${label}`);
    if (event && event.kind !== 'none') node.event = event;
  } else if ((el.eventDefinitions ?? []).length) {
    problem(`不支持的事件定义 (unsupported event definition) ${el.eventDefinitions[0].$type}`);
  }

  // What is this kind's own
  const c: CompileContext = { scope, find, extensions: ext, problem, allProcesses, ...(event ? { event } : {}) };
  kind.compile?.(el, node, c);
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
    if (loop.$instanceOf('bpmn:MultiInstanceLoopCharacteristics')) compileMultiInstance(loop, node, problem);
    else if (loop.$instanceOf('bpmn:StandardLoopCharacteristics')) {
      node.loop = { testBefore: loop.testBefore === true };
      if (loop.loopCondition?.body) {
        const condition: string = loop.loopCondition.body.trim();
        node.loop.condition = condition;
        checkFeel(condition, problem);
      }
      if (loop.loopMaximum !== undefined) node.loop.maximum = Number(loop.loopMaximum);
      if (!node.loop.condition && node.loop.maximum === undefined)
        problem('标准循环需要 loopCondition 或 loopMaximum (a standard loop needs a loopCondition or loopMaximum)');
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
    const [k, expr] = def.timeDuration
      ? ['duration', def.timeDuration]
      : def.timeDate
        ? ['date', def.timeDate]
        : def.timeCycle
          ? ['cycle', def.timeCycle]
          : [undefined, undefined];
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
    if (!def.messageRef?.name && el.$type !== 'bpmn:StartEvent')
      problem('消息事件缺少 messageRef 名称 (message event needs a message with a name)');
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

function compileMultiInstance(loop: El, node: FlowNode, problem: (m: string) => void): void {
  const zeebe = (loop.extensionElements?.values ?? []).find((e: El) => e.$instanceOf('zeebe:LoopCharacteristics'));
  node.multiInstance = { sequential: loop.isSequential === true };
  const mi = node.multiInstance;
  if (zeebe?.inputCollection) mi.collection = zeebe.inputCollection;
  if (zeebe?.inputElement) mi.elementVariable = zeebe.inputElement;
  if (zeebe?.outputCollection) mi.outputCollection = zeebe.outputCollection;
  if (zeebe?.outputElement) mi.outputElement = zeebe.outputElement;
  if (loop.loopCardinality?.body) mi.cardinality = loop.loopCardinality.body.trim();
  if (loop.completionCondition?.body) mi.completionCondition = loop.completionCondition.body.trim();
  if (!mi.collection && !mi.cardinality)
    problem(
      '多实例需要 zeebe:loopCharacteristics inputCollection 或 loopCardinality (multi-instance needs an input collection or a loop cardinality)',
    );
  for (const expr of [mi.collection, mi.cardinality, mi.completionCondition, mi.outputElement]) if (expr) checkFeel(expr, problem);
  if (mi.outputCollection && !mi.outputElement) problem('outputCollection 需要 outputElement (outputCollection needs an outputElement)');
}

function extensions(el: El): El[] {
  return el.extensionElements?.values ?? [];
}
