import type { FlowNode, Token } from '../model';
import type { RuntimeContext } from './context';
import { left } from './path';
import { leave } from './tokens';

/** Joins (汇聚网关): inbound flows already taken, keyed `${scopeId}/${gatewayId}`. */
const joinKey = (scopeId: string, id: string) => `${scopeId}/${id}`;

export function dropJoins(ctx: RuntimeContext, scopeId: string): void {
  for (const key of Object.keys(ctx.state.joins)) if (key.startsWith(`${scopeId}/`)) delete ctx.state.joins[key];
}

export function join(ctx: RuntimeContext, n: FlowNode, t: Token, mode: 'all' | 'inclusive', via?: string): void {
  const { state } = ctx;
  const key = joinKey(t.scopeId, n.id);
  state.joins[key] = [...(state.joins[key] ?? []), via ?? '?'];
  left(ctx, n, t);
  if (mode === 'all') {
    const arrived = state.joins[key] as string[];
    if (!n.incoming.every((f) => arrived.includes(f))) return;
    fireJoin(ctx, n, t.scopeId);
  }
  // inclusive joins are settled once the step's other movement is done (see settleInclusiveJoins)
}

function fireJoin(ctx: RuntimeContext, n: FlowNode, scopeId: string): void {
  const { state } = ctx;
  const key = joinKey(scopeId, n.id);
  const remaining = [...(state.joins[key] ?? [])];
  for (const flowId of n.incoming) {
    const i = remaining.indexOf(flowId);
    if (i >= 0) remaining.splice(i, 1);
  }
  if (remaining.length) state.joins[key] = remaining;
  else delete state.joins[key];
  leave(ctx, ctx.created({ id: ctx.nextId('token'), elementId: n.id, scopeId }), { outputsApplied: true, silent: true });
}

/** Whether a token (or pending join) in the scope can still reach `target` (dead-path analysis). */
function canReach(ctx: RuntimeContext, scopeId: string, target: string): boolean {
  const { state, process } = ctx;
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
}

/** Fires every inclusive join whose missing branches can no longer arrive (or that has them all). */
export function settleInclusiveJoins(ctx: RuntimeContext): void {
  const { state, process } = ctx;
  for (let changed = true; changed && state.status === 'running';) {
    changed = false;
    for (const [key, arrived] of Object.entries(state.joins)) {
      const slash = key.lastIndexOf('/');
      const scopeId = key.slice(0, slash);
      const n = process.nodes[key.slice(slash + 1)];
      if (!n || n.type !== 'inclusiveGateway' || arrived.length === 0) continue;
      if (!n.incoming.every((f) => arrived.includes(f)) && canReach(ctx, scopeId, n.id)) continue;
      fireJoin(ctx, n, scopeId);
      changed = true;
      break;
    }
  }
}
