import type { FlowNode, ScopeInstance, Token, Variables } from '../model';
import type { RuntimeContext } from './context';
import { uncaughtError } from './incidents';
import { dropJoins } from './joins';
import { entered, left } from './path';
import { completeScopeIfDone, createScope } from './scopes';
import { dropSubscriptions } from './subscriptions';
import { cancelToken, enter, leave } from './tokens';
import { setVariables } from './variables';

/** Propagation of BPMN errors (错误) and escalations (升级): boundary events and event subprocesses. */
const catches = (c: FlowNode | undefined, kind: 'error' | 'escalation', code?: string) =>
  !!c && c.event?.kind === kind && (c.event.code === undefined || c.event.code === code);

export function triggerBoundary(ctx: RuntimeContext, b: FlowNode, owner: Token, vars?: Variables): void {
  if (!(b.type === 'boundaryEvent' && b.cancelActivity === false)) cancelToken(ctx, owner);
  if (vars) setVariables(ctx, owner.scopeId, vars, b.id);
  enter(ctx, b.id, owner.scopeId, { triggered: true });
}

export function triggerEventSubProcess(ctx: RuntimeContext, start: FlowNode, scope: ScopeInstance, vars?: Variables): void {
  const { state } = ctx;
  const esp = ctx.node(start.scope as string);
  const interrupting = !(start.type === 'startEvent' && start.interrupting === false);
  if (interrupting) {
    for (const t of state.tokens.filter((x) => x.scopeId === scope.id)) cancelToken(ctx, t);
    dropSubscriptions(ctx, (s) => s.ownerScopeId === scope.id);
    dropJoins(ctx, scope.id);
  }
  if (vars) setVariables(ctx, scope.id, vars, start.id);
  const t: Token = ctx.created({ id: ctx.nextId('token'), elementId: esp.id, scopeId: scope.id });
  entered(ctx, esp, t);
  state.tokens.push(t);
  const inner = createScope(ctx, esp.id, scope.id, t.id, {});
  enter(ctx, start.id, inner.id, { triggered: true });
}

/** Finds the nearest catcher up the scope chain; returns false when nobody catches. */
export function propagate(
  ctx: RuntimeContext,
  from: Token,
  kind: 'error' | 'escalation',
  code: string | undefined,
  includeOwnBoundaries: boolean,
  vars?: Variables,
): boolean {
  const { process } = ctx;
  if (includeOwnBoundaries) {
    for (const bId of ctx.node(from.elementId).boundaries ?? []) {
      const b = ctx.node(bId);
      if (catches(b, kind, code)) {
        triggerBoundary(ctx, b, from.innerOf ? (ctx.tokenOf(from.innerOf) ?? from) : from, vars);
        return true;
      }
    }
  }
  for (let scope = ctx.scopeOf(from.scopeId); scope;) {
    for (const espId of process.scopes?.[scope.elementId]?.eventSubProcesses ?? []) {
      const start = (process.scopes?.[espId]?.startNodeIds ?? []).map(ctx.node).find((s) => catches(s, kind, code));
      if (start) {
        triggerEventSubProcess(ctx, start, scope, vars);
        return true;
      }
    }
    const owner = scope.tokenId ? ctx.tokenOf(scope.tokenId) : undefined;
    if (!owner) return false;
    const holders = owner.innerOf ? [owner, ctx.tokenOf(owner.innerOf)] : [owner];
    for (const holder of holders) {
      if (!holder) continue;
      for (const bId of ctx.node(holder.elementId).boundaries ?? []) {
        const b = ctx.node(bId);
        if (catches(b, kind, code)) {
          triggerBoundary(ctx, b, owner.innerOf ? (ctx.tokenOf(owner.innerOf) ?? owner) : owner, vars);
          return true;
        }
      }
    }
    scope = ctx.scopeOf(owner.scopeId);
  }
  return false;
}

/** An error or escalation throw event (or end event) fires. */
export function throwEvent(
  ctx: RuntimeContext,
  n: FlowNode,
  t: Token,
  kind: 'error' | 'escalation',
  code: string | undefined,
  end: boolean,
): void {
  const { state } = ctx;
  left(ctx, n, t);
  // The thrower's input mappings are the error's (escalation's) variables, as in Camunda 8.
  const thrownVars = t.locals && Object.keys(t.locals).length ? { ...t.locals } : undefined;
  const caught = propagate(ctx, t, kind, code, false);
  if (kind === 'error') {
    if (!caught) {
      return uncaughtError(ctx, t, n.id, code, `未捕获的 BPMN 错误 (uncaught BPMN error) ${code ?? ''}`, 'element', thrownVars);
    }
    return;
  }
  if (!caught && state.toCaller)
    ctx.commands.push({
      type: 'escalation.toCaller',
      elementId: n.id,
      ...(code !== undefined ? { code } : {}),
      ...(thrownVars ? { variables: thrownVars } : {}),
    });
  // Escalation: the thrower continues unless its scope was interrupted.
  if (!ctx.scopeOf(t.scopeId)) return;
  if (end) return completeScopeIfDone(ctx, t.scopeId);
  state.tokens.push(t);
  leave(ctx, t, { outputsApplied: true });
}
