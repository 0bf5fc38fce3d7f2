import { behaviours } from './behaviours';
import type { Outcome } from './behaviours/types';
import { evaluateCondition, evaluateFeel, evaluateValue } from './expressions';
import {
  EngineError,
  ROOT_SCOPE,
  VARIABLES_LIMIT_BYTES,
  VARIABLES_TOO_LARGE,
  type CompiledProcess,
  type EngineCommand,
  type EngineEvent,
  type EngineState,
  type FlowNode,
  type Incident,
  type OpenTask,
  type ScopeInstance,
  type StepResult,
  type Subscription,
  type Token,
  type Variables,
} from './model';
import { selectOutgoing } from './outbound';
import { computeDue, durationEnd, isDuration, workingDayDue } from './timers';

/** How many path entries the live state keeps; the full timeline lives in the read model. */
export const PATH_KEEP = 500;

export function initialState(instanceId: string): EngineState {
  return {
    instanceId,
    seq: 0,
    status: 'running',
    variables: {},
    tokens: [],
    scopes: [],
    openTasks: [],
    joins: {},
    subscriptions: [],
    incidents: [],
    compensables: [],
    clockPauses: [],
    path: [],
    steps: 0,
  };
}

interface EnterOptions {
  via?: string;
  innerOf?: string;
  locals?: Variables;
  loopCounter?: number;
  triggered?: boolean;
  compensationFor?: string;
  actor?: string;
}

/**
 * The token runtime as a pure step function: (process, state, event) → (state, commands).
 * It owns all token movement, joins, scopes, boundary and event-subprocess triggering; behaviours
 * only decide what happens inside their element.
 */
export function step(process: CompiledProcess, previous: EngineState, event: EngineEvent): StepResult {
  const state: EngineState = JSON.parse(JSON.stringify(previous));
  const commands: EngineCommand[] = [];
  const at = event.at;
  const nextId = (prefix: string) => `${prefix}-${++state.seq}`;
  const node = (id: string): FlowNode => {
    const n = process.nodes[id];
    if (!n) throw new EngineError(id, `未知元素 (unknown element) ${id}`);
    return n;
  };
  const scopeOf = (id: string) => state.scopes.find((s) => s.id === id);
  const tokenOf = (id: string) => state.tokens.find((t) => t.id === id);
  const rootScope = () => state.scopes.find((s) => s.elementId === ROOT_SCOPE && !s.parentId) as ScopeInstance;

  // ---- variables -----------------------------------------------------------------------------
  const scopeChain = (scopeId: string): ScopeInstance[] => {
    const chain: ScopeInstance[] = [];
    for (let s = scopeOf(scopeId); s; s = s.parentId ? scopeOf(s.parentId) : undefined) chain.unshift(s);
    return chain;
  };
  const visible = (scopeId: string, locals?: Variables): Variables =>
    Object.assign({}, ...scopeChain(scopeId).map((s) => s.variables), locals ?? {}) as Variables;
  const tokenVars = (t: Token) => visible(t.scopeId, t.locals);
  /** Sets variables where they are already defined (innermost first), else at the process level. */
  const setVariables = (scopeId: string, vars: Variables, elementId: string) => {
    if (!vars || Object.keys(vars).length === 0) return;
    const chain = scopeChain(scopeId).reverse();
    for (const [key, value] of Object.entries(vars)) {
      const owner = chain.find((s) => key in s.variables) ?? rootScope();
      owner.variables[key] = value === undefined ? null : value;
    }
    state.variables = rootScope().variables;
    checkSize(elementId);
  };
  const checkSize = (elementId: string) => {
    const size = JSON.stringify(state.scopes.map((s) => s.variables)).length;
    if (size > VARIABLES_LIMIT_BYTES) {
      throw new EngineError(elementId, `${VARIABLES_TOO_LARGE}: ${size} bytes > ${VARIABLES_LIMIT_BYTES}`);
    }
  };
  const mapOutputs = (n: FlowNode, t: Token, result: Variables): Variables => {
    if (!n.outputs?.length) return result;
    const ctx = { ...tokenVars(t), ...result };
    return Object.fromEntries(n.outputs.map((m) => [m.target, evaluateFeel(n.id, m.source, ctx)]));
  };

  // ---- scopes --------------------------------------------------------------------------------
  const createScope = (elementId: string, parentId: string | undefined, tokenId: string | undefined, variables: Variables): ScopeInstance => {
    const scope: ScopeInstance = { id: nextId('scope'), elementId, parentId, tokenId, variables };
    state.scopes.push(scope);
    const def = process.scopes?.[elementId];
    for (const espId of def?.eventSubProcesses ?? []) {
      for (const startId of process.scopes?.[espId]?.startNodeIds ?? []) {
        const start = node(startId);
        if (start.event && ['timer', 'message', 'signal'].includes(start.event.kind)) subscribe(start, undefined, scope.id, visible(scope.id));
      }
    }
    return scope;
  };
  const startScope = (scope: ScopeInstance, startIds: string[], opts: EnterOptions = {}) => {
    for (const id of startIds) enter(id, scope.id, opts);
  };

  // ---- subscriptions (timers, messages, signals) ------------------------------------------------
  const subscribe = (n: FlowNode, ownerTokenId: string | undefined, ownerScopeId: string | undefined, vars: Variables, forElement?: string) => {
    const ev = n.event;
    const kind = ev?.kind === 'timer' ? 'timer' : ev?.kind === 'signal' ? 'signal' : 'message';
    const sub: Subscription = { id: nextId('sub'), kind, elementId: forElement ?? n.id, ownerTokenId, ownerScopeId };
    if (kind === 'timer') {
      const spec = ev?.timer;
      if (!spec) throw new EngineError(n.id, '定时器缺少定义 (timer has no definition)');
      const value = String(evaluateValue(n.id, spec.value, vars));
      let due;
      try {
        due = computeDue(spec.kind, value, at, state.clockPauses, state.calendar);
      } catch (err) {
        throw new EngineError(n.id, (err as Error).message);
      }
      Object.assign(sub, due);
      commands.push({ type: 'timer.start', subscriptionId: sub.id, elementId: sub.elementId, dueAt: due.dueAt });
    } else {
      sub.name = ev?.name ?? n.id;
      if (ev?.correlationKey) {
        const key = evaluateValue(n.id, ev.correlationKey, vars);
        if (key !== null) sub.correlationKey = String(key);
      }
    }
    state.subscriptions.push(sub);
  };
  const dropSubscriptions = (pred: (s: Subscription) => boolean) => {
    for (const sub of state.subscriptions.filter(pred)) {
      if (sub.kind === 'timer') commands.push({ type: 'timer.cancel', subscriptionId: sub.id });
    }
    state.subscriptions = state.subscriptions.filter((s) => !pred(s));
  };
  const subscribeBoundaries = (n: FlowNode, t: Token) => {
    for (const bId of n.boundaries ?? []) {
      const b = node(bId);
      if (b.event && ['timer', 'message', 'signal'].includes(b.event.kind)) subscribe(b, t.id, undefined, tokenVars(t));
    }
  };

  // ---- path / timeline ---------------------------------------------------------------------------
  const entered = (n: FlowNode, t: Token, via?: string, actor?: string) => {
    state.path.push({ elementId: n.id, type: n.type, at, ...(via ? { via } : {}), ...(actor ? { actor } : {}) });
    if (state.path.length > PATH_KEEP) state.path.splice(0, state.path.length - PATH_KEEP);
    commands.push({ type: 'element.entered', elementId: n.id, nodeType: n.type, name: n.name, at, tokenId: t.id, ...(actor ? { actor } : {}) });
  };
  const left = (n: FlowNode, t: Token, actor?: string, cancelled?: boolean) => {
    for (let i = state.path.length - 1; i >= 0; i--) {
      const p = state.path[i];
      if (p && p.elementId === n.id && !p.left) {
        p.left = at;
        if (actor) p.actor = actor;
        break;
      }
    }
    commands.push({ type: 'element.left', elementId: n.id, nodeType: n.type, name: n.name, at, tokenId: t.id, ...(actor ? { actor } : {}), ...(cancelled ? { cancelled } : {}) });
  };

  // ---- entering an element -----------------------------------------------------------------------
  const enter = (elementId: string, scopeId: string, opts: EnterOptions = {}): void => {
    const n = node(elementId);
    const t: Token = { id: nextId('token'), elementId, scopeId };
    if (opts.innerOf) t.innerOf = opts.innerOf;
    if (opts.locals) t.locals = opts.locals;
    if (opts.loopCounter !== undefined) t.loopCounter = opts.loopCounter;
    if (opts.compensationFor) t.compensationFor = opts.compensationFor;
    entered(n, t, opts.via, opts.actor);
    if (!opts.innerOf && !opts.compensationFor && (n.multiInstance || n.loop)) return enterBody(n, t);
    runElement(n, t, opts);
  };

  const runElement = (n: FlowNode, t: Token, opts: EnterOptions): void => {
    let outcome: Outcome;
    try {
      if (n.inputs?.length) {
        const ctx = tokenVars(t);
        t.locals = { ...t.locals, ...Object.fromEntries(n.inputs.map((m) => [m.target, evaluateFeel(n.id, m.source, ctx)])) };
      }
      outcome = behaviours[n.type]({ process, state, node: n, token: t, via: opts.via, at, triggered: opts.triggered ?? false, variables: tokenVars(t), nextId });
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      return raiseIncident(t, err, 'element');
    }
    apply(n, t, outcome, opts);
  };

  const apply = (n: FlowNode, t: Token, outcome: Outcome, opts: EnterOptions): void => {
    switch (outcome.kind) {
      case 'leave':
        if (outcome.variables) {
          try {
            setVariables(t.scopeId, mapOutputs(n, t, outcome.variables), n.id);
          } catch (err) {
            if (!(err instanceof EngineError)) throw err;
            return raiseIncident(t, err, 'element');
          }
        }
        return leave(t, { takeOne: outcome.takeOne, outputsApplied: true });
      case 'wait': {
        state.tokens.push(t);
        if (outcome.task) openTask(n, t, outcome.task);
        for (const c of outcome.commands ?? []) commands.push(c);
        if (outcome.subscribe) subscribe(n, t.id, undefined, tokenVars(t));
        if (outcome.race) armRace(n, t);
        if (!t.innerOf && !t.compensationFor) subscribeBoundaries(n, t);
        return;
      }
      case 'consume':
        left(n, t);
        return completeScopeIfDone(t.scopeId);
      case 'join':
        return join(n, t, outcome.mode, opts.via);
      case 'throw':
        return throwEvent(n, t, outcome.event, outcome.code, outcome.end);
      case 'terminate':
        left(n, t);
        return terminate(t.scopeId);
      case 'enterScope': {
        state.tokens.push(t);
        if (!t.innerOf) subscribeBoundaries(n, t);
        const scope = createScope(n.id, t.scopeId, t.id, { ...t.locals });
        const starts = process.scopes?.[n.id]?.startNodeIds ?? [];
        if (starts.length === 0) throw new EngineError(n.id, '子流程没有启动事件 (subprocess has no start event)');
        return startScope(scope, starts);
      }
      case 'link': {
        left(n, t);
        const target = Object.values(process.nodes).find((c) => c.type === 'intermediateCatchEvent' && c.event?.kind === 'link' && c.event.name === outcome.name && c.scope === n.scope);
        if (!target) return raiseIncident(t, new EngineError(n.id, `找不到链接捕获事件 (no link catch event named "${outcome.name}")`), 'element');
        enter(target.id, t.scopeId, { triggered: true });
        return;
      }
      case 'compensate':
        return compensate(n, t, outcome.activityRef, outcome.end);
    }
  };

  const openTask = (n: FlowNode, t: Token, task: OpenTask) => {
    const vars = tokenVars(t);
    const due = (expr: string | undefined): string | undefined => {
      if (expr === undefined) return undefined;
      const value = evaluateValue(n.id, expr, vars);
      if (value === null || value === '') return undefined;
      const text = String(value);
      if (/^P\d+WD$/.test(text.trim())) return workingDayDue(at, Number(text.trim().slice(1, -2)), state.clockPauses, state.calendar);
      if (isDuration(text)) return durationEnd(at, text);
      const ms = Date.parse(text);
      if (Number.isNaN(ms)) throw new EngineError(n.id, `期限不是 ISO-8601 时间或时长 (due date is not an ISO-8601 date or duration): ${text}`);
      return new Date(ms).toISOString();
    };
    const dueAt = due(n.dueDate);
    const followUpAt = due(n.followUpDate);
    if (dueAt) task.dueAt = dueAt;
    if (followUpAt) task.followUpAt = followUpAt;
    state.openTasks.push(task);
    commands.push({ type: 'userTask.open', task });
  };

  // ---- multi-instance and loops --------------------------------------------------------------------
  const enterBody = (n: FlowNode, body: Token): void => {
    try {
      const vars = tokenVars(body);
      state.tokens.push(body);
      subscribeBoundaries(n, body);
      if (n.multiInstance) {
        const mi = n.multiInstance;
        let items: unknown[] | undefined;
        let total: number;
        if (mi.collection) {
          const value = evaluateFeel(n.id, mi.collection, vars);
          if (!Array.isArray(value)) throw new EngineError(n.id, `多实例集合不是列表 (multi-instance input collection is not a list): ${mi.collection}`);
          items = value;
          total = value.length;
        } else {
          const value = evaluateFeel(n.id, mi.cardinality ?? '0', vars);
          if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new EngineError(n.id, `多实例数量无效 (invalid loop cardinality): ${mi.cardinality}`);
          total = value;
        }
        body.mi = { total, started: 0, completed: 0, outputs: [], ...(items ? { items } : {}) };
        if (total === 0) return finishBody(n, body);
        const first = mi.sequential ? 1 : total;
        for (let i = 0; i < first; i++) startInner(n, body);
      } else {
        body.mi = { total: n.loop?.maximum ?? -1, started: 0, completed: 0, outputs: [] };
        if (n.loop?.testBefore && !loopContinues(n, body)) return finishBody(n, body);
        startInner(n, body);
      }
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      raiseIncident(body, err, 'element');
    }
  };
  const startInner = (n: FlowNode, body: Token) => {
    const mi = body.mi as NonNullable<Token['mi']>;
    const index = mi.started++;
    const locals: Variables = { loopCounter: index + 1 };
    const element = n.multiInstance?.elementVariable;
    if (element && mi.items) locals[element] = mi.items[index] ?? null;
    enter(n.id, body.scopeId, { innerOf: body.id, locals, loopCounter: index + 1 });
  };
  const miVariables = (body: Token): Variables => {
    const mi = body.mi as NonNullable<Token['mi']>;
    const active = state.tokens.filter((x) => x.innerOf === body.id).length;
    return { numberOfInstances: mi.total, numberOfCompletedInstances: mi.completed, numberOfActiveInstances: active, numberOfTerminatedInstances: 0 };
  };
  const loopContinues = (n: FlowNode, body: Token): boolean => {
    const mi = body.mi as NonNullable<Token['mi']>;
    if (n.loop?.maximum !== undefined && mi.started >= n.loop.maximum) return false;
    return n.loop?.condition ? evaluateCondition(n.id, n.loop.condition, { ...tokenVars(body), loopCounter: mi.started }) : false;
  };
  const innerCompleted = (n: FlowNode, inner: Token) => {
    const body = tokenOf(inner.innerOf as string);
    if (!body?.mi) return;
    const mi = body.mi;
    mi.completed++;
    const ctx = { ...tokenVars(inner), ...miVariables(body) };
    if (n.multiInstance?.outputElement) mi.outputs[(inner.loopCounter ?? 1) - 1] = evaluateFeel(n.id, n.multiInstance.outputElement, ctx);
    if (n.loop) {
      if (loopContinues(n, body)) return startInner(n, body);
      return finishBody(n, body);
    }
    const done = mi.completed >= mi.total || (n.multiInstance?.completionCondition !== undefined && evaluateCondition(n.id, n.multiInstance.completionCondition, ctx));
    if (done) {
      for (const other of state.tokens.filter((x) => x.innerOf === body.id)) cancelToken(other);
      return finishBody(n, body);
    }
    if (n.multiInstance?.sequential && mi.started < mi.total) startInner(n, body);
  };
  const finishBody = (n: FlowNode, body: Token) => {
    if (n.multiInstance?.outputCollection) setVariables(body.scopeId, { [n.multiInstance.outputCollection]: body.mi?.outputs ?? [] }, n.id);
    leave(body, { outputsApplied: true });
  };

  // ---- leaving an element ---------------------------------------------------------------------------
  const leave = (t: Token, opts: { takeOne?: boolean; output?: Variables; outputsApplied?: boolean; actor?: string; silent?: boolean } = {}): void => {
    const n = node(t.elementId);
    try {
      if (!opts.outputsApplied) setVariables(t.scopeId, mapOutputs(n, t, opts.output ?? {}), n.id);
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      return raiseIncident(t, err, 'element');
    }
    let flows: string[] = [];
    const followFlows = !t.innerOf && !t.compensationFor;
    if (followFlows) {
      try {
        flows = selectOutgoing(n, process.flows, tokenVars(t), opts.takeOne ?? false);
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
        return raiseIncident(t, err, 'leave');
      }
    }
    removeToken(t);
    if (!opts.silent) left(n, t, opts.actor);
    if (n.compensationHandler && !t.innerOf) state.compensables.push({ elementId: n.id, handlerId: n.compensationHandler, scopeId: t.scopeId, variables: {} });
    if (t.innerOf) return innerCompleted(n, t);
    if (t.compensationFor) return compensationStepDone(t);
    for (const flowId of flows) enter(process.flows[flowId]?.targetRef as string, t.scopeId, { via: flowId });
    completeScopeIfDone(t.scopeId);
  };

  const removeToken = (t: Token) => {
    state.tokens = state.tokens.filter((x) => x.id !== t.id);
    dropSubscriptions((s) => s.ownerTokenId === t.id);
    state.incidents = state.incidents.filter((i) => i.tokenId !== t.id);
  };

  /** Cancels a token and everything beneath it (task, job, child case, subprocess scope, inner instances). */
  const cancelToken = (t: Token) => {
    if (!tokenOf(t.id)) return;
    removeToken(t);
    const n = node(t.elementId);
    const task = state.openTasks.find((x) => x.tokenId === t.id);
    if (task) {
      state.openTasks = state.openTasks.filter((x) => x.taskId !== task.taskId);
      commands.push({ type: 'userTask.close', taskId: task.taskId, actor: 'system', variables: {}, cancelled: true });
    }
    if (n.taskDefinition) commands.push({ type: 'job.cancel', tokenId: t.id });
    if (n.type === 'callActivity' && (!n.multiInstance || t.innerOf)) commands.push({ type: 'child.cancel', tokenId: t.id });
    for (const inner of state.tokens.filter((x) => x.innerOf === t.id)) cancelToken(inner);
    const child = state.scopes.find((s) => s.tokenId === t.id);
    if (child) cancelScope(child);
    left(n, t, undefined, true);
  };
  const cancelScope = (scope: ScopeInstance) => {
    for (const t of state.tokens.filter((x) => x.scopeId === scope.id)) cancelToken(t);
    dropSubscriptions((s) => s.ownerScopeId === scope.id);
    for (const key of Object.keys(state.joins)) if (key.startsWith(`${scope.id}/`)) delete state.joins[key];
    state.compensables = state.compensables.filter((c) => c.scopeId !== scope.id);
    state.scopes = state.scopes.filter((s) => s.id !== scope.id);
  };

  const completeScopeIfDone = (scopeId: string) => {
    const scope = scopeOf(scopeId);
    if (!scope || state.status !== 'running') return;
    if (state.tokens.some((t) => t.scopeId === scopeId)) return;
    if (Object.entries(state.joins).some(([key, arrived]) => key.startsWith(`${scopeId}/`) && arrived.length > 0)) return;
    if (!scope.parentId) {
      state.status = 'completed';
      dropSubscriptions(() => true);
      commands.push({ type: 'case.completed', variables: state.variables });
      return;
    }
    const parentToken = scope.tokenId ? tokenOf(scope.tokenId) : undefined;
    const outputs = parentToken ? node(parentToken.elementId).outputs : undefined;
    // Output mappings read the subprocess's own variables, so evaluate them before the scope closes.
    const mapped = outputs?.length ? Object.fromEntries(outputs.map((m) => [m.target, evaluateFeel(scope.elementId, m.source, visible(scope.id))])) : undefined;
    dropSubscriptions((s) => s.ownerScopeId === scope.id);
    state.scopes = state.scopes.filter((s) => s.id !== scope.id);
    if (!parentToken) return;
    if (mapped) setVariables(parentToken.scopeId, mapped, parentToken.elementId);
    leave(parentToken, { outputsApplied: true });
  };

  const terminate = (scopeId: string) => {
    const scope = scopeOf(scopeId);
    if (!scope) return;
    for (const t of state.tokens.filter((x) => x.scopeId === scopeId)) cancelToken(t);
    for (const key of Object.keys(state.joins)) if (key.startsWith(`${scopeId}/`)) delete state.joins[key];
    if (!scope.parentId) {
      for (const t of [...state.tokens]) cancelToken(t);
      state.status = 'completed';
      dropSubscriptions(() => true);
      commands.push({ type: 'case.completed', variables: state.variables, terminated: true });
      return;
    }
    completeScopeIfDone(scopeId);
  };

  // ---- joins -----------------------------------------------------------------------------------------
  const joinKey = (scopeId: string, id: string) => `${scopeId}/${id}`;
  const join = (n: FlowNode, t: Token, mode: 'all' | 'inclusive', via?: string) => {
    const key = joinKey(t.scopeId, n.id);
    state.joins[key] = [...(state.joins[key] ?? []), via ?? '?'];
    left(n, t);
    if (mode === 'all') {
      const arrived = state.joins[key] as string[];
      if (!n.incoming.every((f) => arrived.includes(f))) return;
      fireJoin(n, t.scopeId);
    }
    // inclusive joins are settled once the step's other movement is done (see settleInclusiveJoins)
  };
  const fireJoin = (n: FlowNode, scopeId: string) => {
    const key = joinKey(scopeId, n.id);
    const remaining = [...(state.joins[key] ?? [])];
    for (const flowId of n.incoming) {
      const i = remaining.indexOf(flowId);
      if (i >= 0) remaining.splice(i, 1);
    }
    if (remaining.length) state.joins[key] = remaining;
    else delete state.joins[key];
    leave({ id: nextId('token'), elementId: n.id, scopeId }, { outputsApplied: true, silent: true });
  };
  /** Whether a token (or pending join) in the scope can still reach `target` (dead-path analysis). */
  const canReach = (scopeId: string, target: string): boolean => {
    const starts = [
      ...state.tokens.filter((t) => t.scopeId === scopeId).map((t) => t.elementId),
      ...Object.entries(state.joins)
        .filter(([key, arrived]) => key.startsWith(`${scopeId}/`) && arrived.length > 0 && key !== joinKey(scopeId, target))
        .map(([key]) => key.slice(scopeId.length + 1)),
    ];
    const seen = new Set<string>();
    const queue = [...starts];
    while (queue.length) {
      const id = queue.shift() as string;
      if (id === target) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      const n = process.nodes[id];
      if (!n) continue;
      for (const f of n.outgoing) queue.push(process.flows[f]?.targetRef as string);
      for (const b of n.boundaries ?? []) queue.push(b);
    }
    return false;
  };
  /** Fires every inclusive join whose missing branches can no longer arrive (or that has them all). */
  const settleInclusiveJoins = () => {
    for (let changed = true; changed && state.status === 'running'; ) {
      changed = false;
      for (const [key, arrived] of Object.entries(state.joins)) {
        const slash = key.lastIndexOf('/');
        const scopeId = key.slice(0, slash);
        const n = process.nodes[key.slice(slash + 1)];
        if (!n || n.type !== 'inclusiveGateway' || arrived.length === 0) continue;
        if (!n.incoming.every((f) => arrived.includes(f)) && canReach(scopeId, n.id)) continue;
        fireJoin(n, scopeId);
        changed = true;
        break;
      }
    }
  };

  // ---- event-based gateway ---------------------------------------------------------------------------
  const armRace = (n: FlowNode, t: Token) => {
    const targets = [...new Set(n.outgoing.map((f) => process.flows[f]?.targetRef as string))];
    t.raceTargets = targets;
    for (const target of targets) subscribe(node(target), t.id, undefined, tokenVars(t));
  };

  // ---- errors, escalations, boundary and event-subprocess triggering ----------------------------------
  const catches = (c: FlowNode | undefined, kind: 'error' | 'escalation', code?: string) =>
    !!c && c.event?.kind === kind && (c.event.code === undefined || c.event.code === code);

  const triggerBoundary = (b: FlowNode, owner: Token, vars?: Variables) => {
    if (b.cancelActivity !== false) cancelToken(owner);
    if (vars) setVariables(owner.scopeId, vars, b.id);
    enter(b.id, owner.scopeId, { triggered: true });
  };
  const triggerEventSubProcess = (start: FlowNode, scope: ScopeInstance, vars?: Variables) => {
    const esp = node(start.scope as string);
    const interrupting = start.interrupting !== false;
    if (interrupting) {
      for (const t of state.tokens.filter((x) => x.scopeId === scope.id)) cancelToken(t);
      dropSubscriptions((s) => s.ownerScopeId === scope.id);
      for (const key of Object.keys(state.joins)) if (key.startsWith(`${scope.id}/`)) delete state.joins[key];
    }
    if (vars) setVariables(scope.id, vars, start.id);
    const t: Token = { id: nextId('token'), elementId: esp.id, scopeId: scope.id };
    entered(esp, t);
    state.tokens.push(t);
    const inner = createScope(esp.id, scope.id, t.id, {});
    enter(start.id, inner.id, { triggered: true });
  };

  /** Finds the nearest catcher up the scope chain; returns false when nobody catches. */
  const propagate = (from: Token, kind: 'error' | 'escalation', code: string | undefined, includeOwnBoundaries: boolean, vars?: Variables): boolean => {
    if (includeOwnBoundaries) {
      for (const bId of node(from.elementId).boundaries ?? []) {
        const b = node(bId);
        if (catches(b, kind, code)) {
          triggerBoundary(b, from.innerOf ? (tokenOf(from.innerOf) ?? from) : from, vars);
          return true;
        }
      }
    }
    for (let scope = scopeOf(from.scopeId); scope; ) {
      for (const espId of process.scopes?.[scope.elementId]?.eventSubProcesses ?? []) {
        const start = (process.scopes?.[espId]?.startNodeIds ?? []).map(node).find((s) => catches(s, kind, code));
        if (start) {
          triggerEventSubProcess(start, scope, vars);
          return true;
        }
      }
      const owner = scope.tokenId ? tokenOf(scope.tokenId) : undefined;
      if (!owner) return false;
      const holders = owner.innerOf ? [owner, tokenOf(owner.innerOf)] : [owner];
      for (const holder of holders) {
        if (!holder) continue;
        for (const bId of node(holder.elementId).boundaries ?? []) {
          const b = node(bId);
          if (catches(b, kind, code)) {
            triggerBoundary(b, owner.innerOf ? (tokenOf(owner.innerOf) ?? owner) : owner, vars);
            return true;
          }
        }
      }
      scope = scopeOf(owner.scopeId);
    }
    return false;
  };

  const throwEvent = (n: FlowNode, t: Token, kind: 'error' | 'escalation', code: string | undefined, end: boolean) => {
    left(n, t);
    // The thrower's input mappings are the error's (escalation's) variables, as in Camunda 8.
    const thrownVars = t.locals && Object.keys(t.locals).length ? { ...t.locals } : undefined;
    const caught = propagate(t, kind, code, false);
    if (kind === 'error') {
      if (!caught) {
        return uncaughtError(t, n.id, code, `未捕获的 BPMN 错误 (uncaught BPMN error) ${code ?? ''}`, 'element', thrownVars);
      }
      return;
    }
    if (!caught && state.toCaller) commands.push({ type: 'escalation.toCaller', elementId: n.id, ...(code !== undefined ? { code } : {}), ...(thrownVars ? { variables: thrownVars } : {}) });
    // Escalation: the thrower continues unless its scope was interrupted.
    if (!scopeOf(t.scopeId)) return;
    if (end) return completeScopeIfDone(t.scopeId);
    state.tokens.push(t);
    leave(t, { outputsApplied: true });
  };

  // ---- compensation ------------------------------------------------------------------------------------
  const compensate = (n: FlowNode, t: Token, activityRef: string | undefined, end: boolean) => {
    const scopeIds = new Set([t.scopeId, ...state.scopes.filter((s) => scopeChain(s.id).some((c) => c.id === t.scopeId)).map((s) => s.id)]);
    const todo = state.compensables.filter((c) => scopeIds.has(c.scopeId) && (!activityRef || c.elementId === activityRef)).reverse();
    state.compensables = state.compensables.filter((c) => !todo.includes(c));
    if (todo.length === 0) {
      if (!end) return leave(t, { outputsApplied: true });
      left(n, t);
      return completeScopeIfDone(t.scopeId);
    }
    t.compensating = todo.map((c) => c.handlerId);
    state.tokens.push(t);
    runNextCompensation(t);
  };
  const runNextCompensation = (thrower: Token) => {
    const next = thrower.compensating?.shift();
    if (next) return enter(next, thrower.scopeId, { compensationFor: thrower.id });
    const n = node(thrower.elementId);
    if (n.type === 'endEvent') {
      removeToken(thrower);
      left(n, thrower);
      return completeScopeIfDone(thrower.scopeId);
    }
    leave(thrower, { outputsApplied: true });
  };
  const compensationStepDone = (handler: Token) => {
    const thrower = tokenOf(handler.compensationFor as string);
    if (thrower) runNextCompensation(thrower);
  };

  // ---- incidents -----------------------------------------------------------------------------------------
  const raiseIncident = (t: Token, err: EngineError, kind: 'element' | 'leave' | 'job') => {
    if (!tokenOf(t.id)) state.tokens.push(t);
    const incident: Incident = { id: `${state.instanceId}-${nextId('I')}`, elementId: err.elementId || t.elementId, tokenId: t.id, message: err.message, at, kind: kind === 'job' ? 'job' : 'element' };
    t.incidentId = incident.id;
    t.failedPhase = kind;
    state.incidents.push(incident);
    commands.push({ type: 'incident.raised', incident });
  };
  /**
   * An error nothing in this case catches: an incident on the element, or — in a called case — the
   * end of this case, the error going to the calling case's call activity (Camunda semantics).
   */
  const uncaughtError = (t: Token, elementId: string, code: string | undefined, message: string, phase: 'element' | 'job', vars?: Variables) => {
    if (!state.toCaller) return raiseIncident(t, new EngineError(elementId, message), phase);
    for (const x of [...state.tokens]) cancelToken(x);
    dropSubscriptions(() => true);
    state.status = 'failed';
    const text = `BPMN 错误 ${code ?? ''} 未在本案件捕获，已交给调用方 (uncaught BPMN error passed to the calling case)`;
    state.failure = { elementId, message: text };
    state.thrown = { elementId, message, ...(code !== undefined ? { code } : {}), ...(vars ? { variables: vars } : {}) };
    commands.push({ type: 'case.failed', elementId, message: text });
  };
  const retryIncident = (incident: Incident, vars?: Variables) => {
    const t = tokenOf(incident.tokenId);
    state.incidents = state.incidents.filter((i) => i.id !== incident.id);
    if (!t) return;
    delete t.incidentId;
    const phase = t.failedPhase;
    delete t.failedPhase;
    if (vars) setVariables(t.scopeId, vars, t.elementId);
    const n = node(t.elementId);
    if (phase === 'job') {
      const def = n.taskDefinition;
      if (def) commands.push({ type: 'job.run', tokenId: t.id, elementId: n.id, taskType: def.type, retries: def.retries, variables: tokenVars(t) });
      return;
    }
    if (phase === 'leave') return leave(t, { outputsApplied: true, takeOne: n.type === 'exclusiveGateway' });
    removeToken(t);
    if (t.mi || ((n.multiInstance || n.loop) && !t.innerOf)) return enterBody(n, { ...t, mi: undefined });
    runElement(n, t, { triggered: false });
  };

  // ---- events ------------------------------------------------------------------------------------------------
  /** Routes a fired timer or a delivered message to what was waiting for it (subscription already updated). */
  const deliver = (sub: Subscription, vars?: Variables) => {
    const n = node(sub.elementId);
    if (sub.ownerScopeId) {
      const scope = scopeOf(sub.ownerScopeId);
      if (scope) triggerEventSubProcess(n, scope, vars);
      return;
    }
    const owner = sub.ownerTokenId ? tokenOf(sub.ownerTokenId) : undefined;
    if (!owner) return;
    if (n.type === 'boundaryEvent') return triggerBoundary(n, owner, vars);
    const ownerNode = node(owner.elementId);
    if (ownerNode.type === 'eventBasedGateway') {
      removeToken(owner);
      left(ownerNode, owner);
      if (vars) setVariables(owner.scopeId, vars, n.id);
      const via = ownerNode.outgoing.find((f) => process.flows[f]?.targetRef === n.id);
      return enter(n.id, owner.scopeId, { via, triggered: true });
    }
    // The waiting catch event, receive task or timer start itself.
    leave(owner, { output: vars ?? {} });
  };
  /** Whether a subscription stays after firing (non-interrupting boundary or event-subprocess start). */
  const keeps = (n: FlowNode) => (n.type === 'boundaryEvent' && n.cancelActivity === false) || (n.type === 'startEvent' && n.interrupting === false);
  const rearm = (sub: Subscription): boolean => {
    if (!sub.interval || sub.repeat === 0) return false;
    sub.repeat = sub.repeat === -1 ? -1 : (sub.repeat ?? 1) - 1;
    sub.dueAt = durationEnd(at, sub.interval);
    commands.push({ type: 'timer.start', subscriptionId: sub.id, elementId: sub.elementId, dueAt: sub.dueAt });
    return true;
  };

  /**
   * Buffered messages meet the subscriptions opened in this step: each correlates once, in publish
   * order, with the first matching subscription; expired ones are dropped.
   */
  const correlateBuffered = () => {
    if (!state.bufferedMessages?.length) return;
    state.bufferedMessages = state.bufferedMessages.filter((m) => Date.parse(m.expiresAt) > Date.parse(at));
    for (let changed = true; changed && state.status === 'running'; ) {
      changed = false;
      for (const message of state.bufferedMessages) {
        const sub = state.subscriptions.find(
          (s) => s.kind === 'message' && s.name === message.name && (s.correlationKey === undefined || s.correlationKey === message.correlationKey),
        );
        if (!sub) continue;
        state.bufferedMessages = state.bufferedMessages.filter((m) => m.id !== message.id);
        if (!keeps(node(sub.elementId))) state.subscriptions = state.subscriptions.filter((s) => s.id !== sub.id);
        deliver(sub, message.variables);
        changed = true;
        break;
      }
    }
  };

  const reschedule = () => {
    for (const sub of state.subscriptions) {
      if (sub.kind !== 'timer' || !sub.workingDays) continue;
      sub.dueAt = workingDayDue(sub.workingDays.start, sub.workingDays.days, state.clockPauses, state.calendar);
      commands.push({ type: 'timer.start', subscriptionId: sub.id, elementId: sub.elementId, dueAt: sub.dueAt });
    }
  };
  // Deadline variables with their basis in `timeLimits` ({decisionDueAt: {start, days}}) follow the
  // clock and the calendar, so the dates people see match the timers. Not while the clock stands still.
  const followDeadlines = () => {
    const limits = state.variables.timeLimits;
    if (!limits || typeof limits !== 'object' || state.clockPauses.some((p) => p.to === undefined)) return;
    const root = rootScope();
    for (const [name, basis] of Object.entries(limits as Record<string, { start?: unknown; days?: unknown }>)) {
      if (typeof basis?.start !== 'string' || typeof basis.days !== 'number') continue;
      const before = root.variables[name];
      const after = workingDayDue(basis.start, basis.days, state.clockPauses, state.calendar);
      root.variables[name] = after;
      // A task due on this deadline (dueDate "=decisionDueAt") moves with it.
      for (const t of state.openTasks) if (t.dueAt !== undefined && t.dueAt === before) t.dueAt = after;
    }
    state.variables = root.variables;
  };

  try {
    state.steps++;
    switch (event.type) {
      case 'case.start': {
        const root = createScope(ROOT_SCOPE, undefined, undefined, { ...event.variables });
        state.variables = root.variables;
        checkSize(process.key);
        if (event.toCaller) state.toCaller = true;
        if (event.startElementId) {
          const start = node(event.startElementId);
          if (start.type !== 'startEvent' || start.scope) throw new EngineError(start.id, `不是流程级启动事件 (not a process start event) ${start.id}`);
          enter(start.id, root.id, { triggered: true });
        } else startScope(root, process.startNodeIds);
        break;
      }
      case 'userTask.complete': {
        const task = state.openTasks.find((t) => t.taskId === event.taskId);
        if (!task) throw new EngineError('?', `任务不存在或已办结 (task not open) ${event.taskId}`);
        state.openTasks = state.openTasks.filter((t) => t.taskId !== event.taskId);
        commands.push({ type: 'userTask.close', taskId: task.taskId, actor: event.actor.id, variables: event.variables });
        const t = tokenOf(task.tokenId);
        if (t) leave(t, { output: event.variables, actor: event.actor.id });
        break;
      }
      case 'job.completed': {
        const t = tokenOf(event.tokenId);
        if (t && !t.incidentId) leave(t, { output: event.output });
        break;
      }
      case 'job.error': {
        const t = tokenOf(event.tokenId);
        if (!t) break;
        if (event.variables) setVariables(t.scopeId, event.variables, t.elementId);
        if (!propagate(t, 'error', event.code, true, undefined)) {
          uncaughtError(t, t.elementId, event.code, `未捕获的 BPMN 错误 (uncaught BPMN error) ${event.code}${event.message ? `: ${event.message}` : ''}`, 'job', event.variables);
        }
        break;
      }
      case 'job.failed': {
        const t = tokenOf(event.tokenId);
        if (t) raiseIncident(t, new EngineError(t.elementId, event.message), 'job');
        break;
      }
      case 'child.completed': {
        const t = tokenOf(event.tokenId);
        if (!t) break;
        const n = node(t.elementId);
        const output = n.outputs?.length || n.calledElement?.propagateAllChildVariables !== false ? event.output : {};
        leave(t, { output });
        break;
      }
      case 'child.failed': {
        const t = tokenOf(event.tokenId);
        if (t) raiseIncident(t, new EngineError(t.elementId, event.message), 'element');
        break;
      }
      case 'child.error': {
        const t = tokenOf(event.tokenId);
        if (!t || t.incidentId) break;
        if (!propagate(t, 'error', event.code, true, event.variables)) {
          uncaughtError(t, t.elementId, event.code, `调用的子案件抛出未捕获的 BPMN 错误 (the called case threw an uncaught BPMN error) ${event.code ?? ''}: ${event.message}`, 'element', event.variables);
        }
        break;
      }
      case 'child.escalation': {
        const t = tokenOf(event.tokenId);
        if (!t || t.incidentId) break;
        if (!propagate(t, 'escalation', event.code, true, event.variables) && state.toCaller) {
          commands.push({ type: 'escalation.toCaller', elementId: t.elementId, ...(event.code !== undefined ? { code: event.code } : {}), ...(event.variables ? { variables: event.variables } : {}) });
        }
        break;
      }
      case 'timer.fired': {
        const sub = state.subscriptions.find((s) => s.id === event.subscriptionId);
        if (!sub) break;
        if (!keeps(node(sub.elementId)) || !rearm(sub)) state.subscriptions = state.subscriptions.filter((s) => s.id !== sub.id);
        deliver(sub);
        break;
      }
      case 'message.deliver': {
        const kind = event.signal ? 'signal' : 'message';
        const matches = state.subscriptions.filter(
          (s) => s.kind === kind && s.name === event.name && (s.correlationKey === undefined || s.correlationKey === event.correlationKey),
        );
        for (const sub of event.signal ? matches : matches.slice(0, 1)) {
          if (!state.subscriptions.some((s) => s.id === sub.id)) continue; // dropped by an earlier match
          if (!keeps(node(sub.elementId))) state.subscriptions = state.subscriptions.filter((s) => s.id !== sub.id);
          deliver(sub, event.variables);
        }
        if (matches.length === 0 && !event.signal && event.expiresAt && Date.parse(event.expiresAt) > Date.parse(at)) {
          state.bufferedMessages = [
            ...(state.bufferedMessages ?? []),
            {
              id: event.messageId ?? nextId('msg'),
              name: event.name,
              ...(event.correlationKey !== undefined ? { correlationKey: event.correlationKey } : {}),
              ...(event.variables ? { variables: event.variables } : {}),
              publishedAt: at,
              expiresAt: event.expiresAt,
            },
          ];
        }
        break;
      }
      case 'incident.retry':
      case 'incident.resolve': {
        const incident = state.incidents.find((i) => i.id === event.incidentId);
        if (!incident) throw new EngineError('?', `事件不存在或已处理 (incident not open) ${event.incidentId}`);
        commands.push({ type: 'incident.resolved', incidentId: incident.id, actor: event.actor, how: event.type === 'incident.retry' ? 'retried' : 'resolved' });
        if (event.type === 'incident.resolve' && incident.kind === 'job') {
          state.incidents = state.incidents.filter((i) => i.id !== incident.id);
          const t = tokenOf(incident.tokenId);
          if (t) {
            delete t.incidentId;
            leave(t, { output: event.variables ?? {} });
          }
        } else {
          retryIncident(incident, event.type === 'incident.resolve' ? event.variables : undefined);
        }
        break;
      }
      case 'clock.pause':
        if (!state.clockPauses.some((p) => p.to === undefined)) {
          state.clockPauses.push({ from: at, ...(event.reason ? { reason: event.reason } : {}) });
          reschedule();
        }
        break;
      case 'clock.resume': {
        const open = state.clockPauses.find((p) => p.to === undefined);
        if (open) {
          open.to = at;
          reschedule();
          if (event.followDeadlines) followDeadlines();
        }
        break;
      }
      case 'calendar.set':
        state.calendar = event.calendar;
        reschedule();
        followDeadlines();
        break;
      case 'case.cancel':
        for (const t of [...state.tokens]) cancelToken(t);
        dropSubscriptions(() => true);
        state.status = 'terminated';
        break;
    }
    correlateBuffered();
    settleInclusiveJoins();
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    state.status = 'failed';
    state.failure = { elementId: err.elementId, message: err.message };
    commands.push({ type: 'case.failed', elementId: err.elementId, message: err.message });
    return { state, commands };
  }
  return { state, commands };
}

/** Whether the variables are plain JSON within the size limit; returns the problem otherwise. */
export function variablesProblem(vars: unknown): string | undefined {
  if (vars === null || typeof vars !== 'object' || Array.isArray(vars)) return '变量必须是 JSON 对象 (variables must be a JSON object)';
  const text = JSON.stringify(vars);
  if (text.length > VARIABLES_LIMIT_BYTES) return `流程变量过大 (variables too large): ${text.length} bytes > ${VARIABLES_LIMIT_BYTES}`;
  return undefined;
}

/**
 * Whether applying `event` would push the case's variables over the size limit: a dry run of the
 * step, so output mappings and scopes count exactly as they will. Returns the element and message.
 */
export function variablesLimitProblem(process: CompiledProcess, state: EngineState, event: EngineEvent): { elementId: string; message: string } | undefined {
  const { commands } = step(process, state, event);
  for (const c of commands) {
    if (c.type === 'incident.raised' && c.incident.message.startsWith(VARIABLES_TOO_LARGE)) return { elementId: c.incident.elementId, message: c.incident.message };
    if (c.type === 'case.failed' && c.message.startsWith(VARIABLES_TOO_LARGE)) return { elementId: c.elementId, message: c.message };
  }
  return undefined;
}
