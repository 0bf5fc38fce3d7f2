import { evaluateFeel } from '../expressions';
import type { ScopeInstance, Variables } from '../model';
import { wroteVariables, type EnterOptions, type RuntimeContext } from './context';
import { dropJoins } from './joins';
import { CATCHABLE, dropSubscriptions, subscribe } from './subscriptions';
import { cancelToken, enter, leave } from './tokens';
import { setVariables, visible } from './variables';

/** Opens a scope instance (作用域: the process or a subprocess) and arms its event subprocesses' starts. */
export function createScope(
  ctx: RuntimeContext,
  elementId: string,
  parentId: string | undefined,
  tokenId: string | undefined,
  variables: Variables,
): ScopeInstance {
  const { process } = ctx;
  const scope: ScopeInstance = ctx.created({ id: ctx.nextId('scope'), elementId, parentId, tokenId, variables });
  wroteVariables(ctx, scope);
  ctx.state.scopes.push(scope);
  const def = process.scopes?.[elementId];
  for (const espId of def?.eventSubProcesses ?? []) {
    for (const startId of process.scopes?.[espId]?.startNodeIds ?? []) {
      const start = ctx.node(startId);
      if (start.event && CATCHABLE.includes(start.event.kind)) subscribe(ctx, start, undefined, scope.id, visible(ctx, scope.id));
    }
  }
  return scope;
}

export function startScope(ctx: RuntimeContext, scope: ScopeInstance, startIds: string[], opts: EnterOptions = {}): void {
  for (const id of startIds) enter(ctx, id, scope.id, opts);
}

export function cancelScope(ctx: RuntimeContext, scope: ScopeInstance): void {
  const { state } = ctx;
  for (const t of state.tokens.filter((x) => x.scopeId === scope.id)) cancelToken(ctx, t);
  dropSubscriptions(ctx, (s) => s.ownerScopeId === scope.id);
  dropJoins(ctx, scope.id);
  state.compensables = state.compensables.filter((c) => c.scopeId !== scope.id);
  state.scopes = state.scopes.filter((s) => s.id !== scope.id);
}

/** Closes a scope with nothing left in it: completes the case, or leaves the subprocess in its parent. */
export function completeScopeIfDone(ctx: RuntimeContext, scopeId: string): void {
  const { state } = ctx;
  const scope = ctx.scopeOf(scopeId);
  if (!scope || state.status !== 'running') return;
  if (state.tokens.some((t) => t.scopeId === scopeId)) return;
  if (Object.entries(state.joins).some(([key, arrived]) => key.startsWith(`${scopeId}/`) && arrived.length > 0)) return;
  if (!scope.parentId) {
    state.status = 'completed';
    dropSubscriptions(ctx, () => true);
    ctx.commands.push({ type: 'case.completed', variables: state.variables });
    return;
  }
  const parentToken = scope.tokenId ? ctx.tokenOf(scope.tokenId) : undefined;
  const outputs = parentToken ? ctx.node(parentToken.elementId).outputs : undefined;
  // Output mappings read the subprocess's own variables, so evaluate them before the scope closes.
  const mapped = outputs?.length
    ? Object.fromEntries(outputs.map((m) => [m.target, evaluateFeel(scope.elementId, m.source, visible(ctx, scope.id))]))
    : undefined;
  dropSubscriptions(ctx, (s) => s.ownerScopeId === scope.id);
  state.scopes = state.scopes.filter((s) => s.id !== scope.id);
  if (!parentToken) return;
  if (mapped) setVariables(ctx, parentToken.scopeId, mapped, parentToken.elementId);
  leave(ctx, parentToken, { outputsApplied: true });
}

/** Terminate end event (终止结束事件): ends everything in the scope, the whole case at process level. */
export function terminate(ctx: RuntimeContext, scopeId: string): void {
  const { state } = ctx;
  const scope = ctx.scopeOf(scopeId);
  if (!scope) return;
  for (const t of state.tokens.filter((x) => x.scopeId === scopeId)) cancelToken(ctx, t);
  dropJoins(ctx, scopeId);
  if (!scope.parentId) {
    for (const t of [...state.tokens]) cancelToken(ctx, t);
    state.status = 'completed';
    dropSubscriptions(ctx, () => true);
    ctx.commands.push({ type: 'case.completed', variables: state.variables, terminated: true });
    return;
  }
  completeScopeIfDone(ctx, scopeId);
}
