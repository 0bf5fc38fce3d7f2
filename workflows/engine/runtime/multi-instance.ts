import { evaluateCondition, evaluateFeel } from '../expressions';
import { EngineError, type FlowNode, type Token, type Variables } from '../model';
import type { RuntimeContext } from './context';
import { raiseIncident } from './incidents';
import { subscribeBoundaries } from './subscriptions';
import { cancelToken, enter, leave } from './tokens';
import { setVariables, tokenVars } from './variables';

type Body = NonNullable<Token['mi']>;

/** Multi-instance (多实例) and loop bodies: the body token waits while inner instances run. */
export function enterBody(ctx: RuntimeContext, n: FlowNode, body: Token): void {
  try {
    const vars = tokenVars(ctx, body);
    ctx.state.tokens.push(body);
    subscribeBoundaries(ctx, n, body);
    if (n.multiInstance) {
      const mi = n.multiInstance;
      let items: unknown[] | undefined;
      let total: number;
      if (mi.collection) {
        const value = evaluateFeel(n.id, mi.collection, vars);
        if (!Array.isArray(value))
          throw new EngineError(n.id, `多实例集合不是列表 (multi-instance input collection is not a list): ${mi.collection}`);
        items = value;
        total = value.length;
      } else {
        const value = evaluateFeel(n.id, mi.cardinality ?? '0', vars);
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
          throw new EngineError(n.id, `多实例数量无效 (invalid loop cardinality): ${mi.cardinality}`);
        total = value;
      }
      body.mi = { total, started: 0, completed: 0, outputs: [], ...(items ? { items } : {}) };
      if (items) ctx.written.items.add(body);
      if (total === 0) return finishBody(ctx, n, body);
      const first = mi.sequential ? 1 : total;
      for (let i = 0; i < first; i++) startInner(ctx, n, body);
    } else {
      body.mi = { total: n.loop?.maximum ?? -1, started: 0, completed: 0, outputs: [] };
      if (n.loop?.testBefore && !loopContinues(ctx, n, body)) return finishBody(ctx, n, body);
      startInner(ctx, n, body);
    }
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    raiseIncident(ctx, body, err, 'element');
  }
}

function startInner(ctx: RuntimeContext, n: FlowNode, body: Token): void {
  const mi = body.mi as Body;
  const index = mi.started++;
  const locals: Variables = { loopCounter: index + 1 };
  const element = n.multiInstance?.elementVariable;
  if (element && mi.items) locals[element] = mi.items[index] ?? null;
  enter(ctx, n.id, body.scopeId, { innerOf: body.id, locals, loopCounter: index + 1 });
}

function miVariables(ctx: RuntimeContext, body: Token): Variables {
  const mi = body.mi as Body;
  const active = ctx.state.tokens.filter((x) => x.innerOf === body.id).length;
  return {
    numberOfInstances: mi.total,
    numberOfCompletedInstances: mi.completed,
    numberOfActiveInstances: active,
    numberOfTerminatedInstances: 0,
  };
}

function loopContinues(ctx: RuntimeContext, n: FlowNode, body: Token): boolean {
  const mi = body.mi as Body;
  if (n.loop?.maximum !== undefined && mi.started >= n.loop.maximum) return false;
  return n.loop?.condition ? evaluateCondition(n.id, n.loop.condition, { ...tokenVars(ctx, body), loopCounter: mi.started }) : false;
}

/** An inner instance finished: collect its output, then start the next, finish the body, or wait. */
export function innerCompleted(ctx: RuntimeContext, n: FlowNode, inner: Token): void {
  const found = ctx.tokenOf(inner.innerOf as string);
  if (!found?.mi) return;
  const body = ctx.own.token(found);
  const mi = body.mi as Body;
  mi.completed++;
  const vars = { ...tokenVars(ctx, inner), ...miVariables(ctx, body) };
  if (n.multiInstance?.outputElement) {
    const index = (inner.loopCounter ?? 1) - 1;
    const written = ctx.written.outputs.get(body) ?? { from: mi.outputs.length, indices: [] };
    mi.outputs[index] = evaluateFeel(n.id, n.multiInstance.outputElement, vars);
    written.indices.push(index);
    ctx.written.outputs.set(body, written);
  }
  if (n.loop) {
    if (loopContinues(ctx, n, body)) return startInner(ctx, n, body);
    return finishBody(ctx, n, body);
  }
  const done =
    mi.completed >= mi.total ||
    (n.multiInstance?.completionCondition !== undefined && evaluateCondition(n.id, n.multiInstance.completionCondition, vars));
  if (done) {
    for (const other of ctx.state.tokens.filter((x) => x.innerOf === body.id)) cancelToken(ctx, other);
    return finishBody(ctx, n, body);
  }
  if (n.multiInstance?.sequential && mi.started < mi.total) startInner(ctx, n, body);
}

function finishBody(ctx: RuntimeContext, n: FlowNode, body: Token): void {
  if (n.multiInstance?.outputCollection)
    setVariables(ctx, body.scopeId, { [n.multiInstance.outputCollection]: body.mi?.outputs ?? [] }, n.id);
  leave(ctx, body, { outputsApplied: true });
}
