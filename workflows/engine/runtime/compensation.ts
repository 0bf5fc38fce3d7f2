import type { FlowNode, Token } from '../model';
import type { RuntimeContext } from './context';
import { left } from './path';
import { completeScopeIfDone } from './scopes';
import { enter, leave, removeToken } from './tokens';
import { scopeChain } from './variables';

/** Compensation (补偿): runs the handlers of completed activities in the scope, latest first. */
export function compensate(ctx: RuntimeContext, n: FlowNode, t: Token, activityRef: string | undefined, end: boolean): void {
  const { state } = ctx;
  const scopeIds = new Set([
    t.scopeId,
    ...state.scopes.filter((s) => scopeChain(ctx, s.id).some((c) => c.id === t.scopeId)).map((s) => s.id),
  ]);
  const todo = state.compensables.filter((c) => scopeIds.has(c.scopeId) && (!activityRef || c.elementId === activityRef)).reverse();
  state.compensables = state.compensables.filter((c) => !todo.includes(c));
  if (todo.length === 0) {
    if (!end) return leave(ctx, t, { outputsApplied: true });
    left(ctx, n, t);
    return completeScopeIfDone(ctx, t.scopeId);
  }
  t.compensating = todo.map((c) => c.handlerId);
  state.tokens.push(t);
  runNextCompensation(ctx, t);
}

function runNextCompensation(ctx: RuntimeContext, thrower: Token): void {
  const next = thrower.compensating?.shift();
  if (next) return enter(ctx, next, thrower.scopeId, { compensationFor: thrower.id });
  const n = ctx.node(thrower.elementId);
  if (n.type === 'endEvent') {
    removeToken(ctx, thrower);
    left(ctx, n, thrower);
    return completeScopeIfDone(ctx, thrower.scopeId);
  }
  leave(ctx, thrower, { outputsApplied: true });
}

export function compensationStepDone(ctx: RuntimeContext, handler: Token): void {
  const thrower = ctx.tokenOf(handler.compensationFor as string);
  if (thrower) runNextCompensation(ctx, ctx.own.token(thrower));
}
