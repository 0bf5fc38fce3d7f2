import { behaviours } from '../behaviours';
import type { Outcome } from '../behaviours/types';
import { evaluateFeel } from '../expressions';
import { EngineError, type FlowNode, type Token, type Variables } from '../model';
import { selectOutgoing } from '../outbound';
import { compensate, compensationStepDone } from './compensation';
import type { EnterOptions, RuntimeContext } from './context';
import { raiseIncident } from './incidents';
import { join } from './joins';
import { enterBody, innerCompleted } from './multi-instance';
import { entered, left } from './path';
import { throwEvent } from './propagation';
import { cancelScope, completeScopeIfDone, createScope, startScope, terminate } from './scopes';
import { armRace, dropSubscriptions, subscribe, subscribeBoundaries } from './subscriptions';
import { openTask } from './tasks';
import { mapOutputs, setVariables, tokenVars } from './variables';

/** A token (令牌) enters an element: a new token, then the element's behaviour (or its multi-instance body). */
export function enter(ctx: RuntimeContext, elementId: string, scopeId: string, opts: EnterOptions = {}): void {
  const n = ctx.node(elementId);
  const t: Token = ctx.created({ id: ctx.nextId('token'), elementId, scopeId });
  if (opts.innerOf) t.innerOf = opts.innerOf;
  if (opts.locals) {
    t.locals = opts.locals;
    ctx.written.locals.add(t);
  }
  if (opts.loopCounter !== undefined) t.loopCounter = opts.loopCounter;
  if (opts.compensationFor) t.compensationFor = opts.compensationFor;
  entered(ctx, n, t, opts.via, opts.actor);
  if (!opts.innerOf && !opts.compensationFor && (n.multiInstance || n.loop)) return enterBody(ctx, n, t);
  runElement(ctx, n, t, opts);
}

/** Runs the element's behaviour for a writable token and applies what it decided. */
export function runElement(ctx: RuntimeContext, n: FlowNode, t: Token, opts: EnterOptions): void {
  let outcome: Outcome;
  try {
    if (n.inputs?.length) {
      const vars = tokenVars(ctx, t);
      t.locals = { ...t.locals, ...Object.fromEntries(n.inputs.map((m) => [m.target, evaluateFeel(n.id, m.source, vars)])) };
      ctx.written.locals.add(t);
    }
    outcome = behaviours[n.type]({
      process: ctx.process,
      state: ctx.state,
      node: n,
      token: t,
      via: opts.via,
      at: ctx.at,
      triggered: opts.triggered ?? false,
      variables: tokenVars(ctx, t),
      nextId: ctx.nextId,
    });
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    return raiseIncident(ctx, t, err, 'element');
  }
  apply(ctx, n, t, outcome, opts);
}

function apply(ctx: RuntimeContext, n: FlowNode, t: Token, outcome: Outcome, opts: EnterOptions): void {
  const { state, process } = ctx;
  switch (outcome.kind) {
    case 'leave':
      if (outcome.variables) {
        try {
          setVariables(ctx, t.scopeId, mapOutputs(ctx, n, t, outcome.variables), n.id);
        } catch (err) {
          if (!(err instanceof EngineError)) throw err;
          return raiseIncident(ctx, t, err, 'element');
        }
      }
      return leave(ctx, t, { takeOne: outcome.takeOne, outputsApplied: true });
    case 'wait': {
      state.tokens.push(t);
      if (outcome.task) openTask(ctx, n, t, outcome.task);
      for (const c of outcome.commands ?? []) ctx.commands.push(c);
      if (outcome.subscribe) subscribe(ctx, n, t.id, undefined, tokenVars(ctx, t));
      if (outcome.race) armRace(ctx, n, t);
      if (!t.innerOf && !t.compensationFor) subscribeBoundaries(ctx, n, t);
      return;
    }
    case 'consume':
      left(ctx, n, t);
      return completeScopeIfDone(ctx, t.scopeId);
    case 'join':
      return join(ctx, n, t, outcome.mode, opts.via);
    case 'throw':
      return throwEvent(ctx, n, t, outcome.event, outcome.code, outcome.end);
    case 'terminate':
      left(ctx, n, t);
      return terminate(ctx, t.scopeId);
    case 'enterScope': {
      state.tokens.push(t);
      if (!t.innerOf) subscribeBoundaries(ctx, n, t);
      const scope = createScope(ctx, n.id, t.scopeId, t.id, { ...t.locals });
      const starts = process.scopes?.[n.id]?.startNodeIds ?? [];
      if (starts.length === 0) throw new EngineError(n.id, '子流程没有启动事件 (subprocess has no start event)');
      return startScope(ctx, scope, starts);
    }
    case 'link': {
      left(ctx, n, t);
      const target = Object.values(process.nodes).find(
        (c) => c.type === 'intermediateCatchEvent' && c.event?.kind === 'link' && c.event.name === outcome.name && c.scope === n.scope,
      );
      if (!target)
        return raiseIncident(ctx, t, new EngineError(n.id, `找不到链接捕获事件 (no link catch event named "${outcome.name}")`), 'element');
      enter(ctx, target.id, t.scopeId, { triggered: true });
      return;
    }
    case 'compensate':
      return compensate(ctx, n, t, outcome.activityRef, outcome.end);
  }
}

export interface LeaveOptions {
  takeOne?: boolean;
  output?: Variables;
  outputsApplied?: boolean;
  actor?: string;
  silent?: boolean;
}

/** A token leaves its element: output mappings, then the outgoing flows (or back to its MI body or compensation). */
export function leave(ctx: RuntimeContext, t: Token, opts: LeaveOptions = {}): void {
  const { state, process } = ctx;
  const n = ctx.node(t.elementId);
  try {
    if (!opts.outputsApplied) setVariables(ctx, t.scopeId, mapOutputs(ctx, n, t, opts.output ?? {}), n.id);
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    return raiseIncident(ctx, t, err, 'element');
  }
  let flows: string[] = [];
  const followFlows = !t.innerOf && !t.compensationFor;
  if (followFlows) {
    try {
      flows = selectOutgoing(n, process.flows, tokenVars(ctx, t), opts.takeOne ?? false);
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      return raiseIncident(ctx, t, err, 'leave');
    }
  }
  removeToken(ctx, t);
  if (!opts.silent) left(ctx, n, t, opts.actor);
  if (n.compensationHandler && !t.innerOf)
    state.compensables.push({ elementId: n.id, handlerId: n.compensationHandler, scopeId: t.scopeId, variables: {} });
  if (t.innerOf) return innerCompleted(ctx, n, t);
  if (t.compensationFor) return compensationStepDone(ctx, t);
  for (const flowId of flows) enter(ctx, process.flows[flowId]?.targetRef as string, t.scopeId, { via: flowId });
  completeScopeIfDone(ctx, t.scopeId);
}

export function removeToken(ctx: RuntimeContext, t: Token): void {
  const { state } = ctx;
  state.tokens = state.tokens.filter((x) => x.id !== t.id);
  dropSubscriptions(ctx, (s) => s.ownerTokenId === t.id);
  state.incidents = state.incidents.filter((i) => i.tokenId !== t.id);
}

/** Cancels a token and everything beneath it (task, job, child case, subprocess scope, inner instances). */
export function cancelToken(ctx: RuntimeContext, t: Token): void {
  const { state, commands } = ctx;
  if (!ctx.tokenOf(t.id)) return;
  removeToken(ctx, t);
  const n = ctx.node(t.elementId);
  const task = state.openTasks.find((x) => x.tokenId === t.id);
  if (task) {
    state.openTasks = state.openTasks.filter((x) => x.taskId !== task.taskId);
    commands.push({ type: 'userTask.close', taskId: task.taskId, actor: 'system', variables: {}, cancelled: true });
  }
  if (n.taskDefinition) commands.push({ type: 'job.cancel', tokenId: t.id });
  if (n.type === 'callActivity' && (!n.multiInstance || t.innerOf)) commands.push({ type: 'child.cancel', tokenId: t.id });
  for (const inner of state.tokens.filter((x) => x.innerOf === t.id)) cancelToken(ctx, inner);
  const child = state.scopes.find((s) => s.tokenId === t.id);
  if (child) cancelScope(ctx, child);
  left(ctx, n, t, undefined, true);
}
