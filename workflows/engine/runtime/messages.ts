import type { BufferedMessage, EngineEvent, Subscription, Variables } from '../model';
import type { RuntimeContext } from './context';
import { left } from './path';
import { triggerBoundary, triggerEventSubProcess } from './propagation';
import { keeps } from './subscriptions';
import { enter, leave, removeToken } from './tokens';
import { setVariables } from './variables';

/** Routes a fired timer or a delivered message (消息) to what was waiting for it (subscription already updated). */
export function deliver(ctx: RuntimeContext, sub: Subscription, vars?: Variables): void {
  const n = ctx.node(sub.elementId);
  if (sub.ownerScopeId) {
    const scope = ctx.scopeOf(sub.ownerScopeId);
    if (scope) triggerEventSubProcess(ctx, n, scope, vars);
    return;
  }
  const owner = sub.ownerTokenId ? ctx.tokenOf(sub.ownerTokenId) : undefined;
  if (!owner) return;
  if (n.type === 'boundaryEvent') return triggerBoundary(ctx, n, owner, vars);
  const ownerNode = ctx.node(owner.elementId);
  if (ownerNode.type === 'eventBasedGateway') {
    removeToken(ctx, owner);
    left(ctx, ownerNode, owner);
    if (vars) setVariables(ctx, owner.scopeId, vars, n.id);
    const via = ownerNode.outgoing.find((f) => ctx.process.flows[f]?.targetRef === n.id);
    return enter(ctx, n.id, owner.scopeId, { via, triggered: true });
  }
  // The waiting catch event, receive task or timer start itself.
  leave(ctx, owner, { output: vars ?? {} });
}

/** Delivers a message to the first matching subscription, a signal to all; buffers an unmatched message with a time to live. */
export function publish(ctx: RuntimeContext, event: Extract<EngineEvent, { type: 'message.deliver' }>): void {
  const { state, at } = ctx;
  const kind = event.signal ? 'signal' : 'message';
  const matches = state.subscriptions.filter(
    (s) => s.kind === kind && s.name === event.name && (s.correlationKey === undefined || s.correlationKey === event.correlationKey),
  );
  for (const sub of event.signal ? matches : matches.slice(0, 1)) {
    if (!state.subscriptions.some((s) => s.id === sub.id)) continue; // dropped by an earlier match
    if (!keeps(ctx.node(sub.elementId))) state.subscriptions = state.subscriptions.filter((s) => s.id !== sub.id);
    deliver(ctx, sub, event.variables);
  }
  if (matches.length === 0 && !event.signal && event.expiresAt && Date.parse(event.expiresAt) > Date.parse(at)) {
    const message: BufferedMessage = {
      id: event.messageId ?? ctx.nextId('msg'),
      name: event.name,
      ...(event.correlationKey !== undefined ? { correlationKey: event.correlationKey } : {}),
      ...(event.variables ? { variables: event.variables } : {}),
      publishedAt: at,
      expiresAt: event.expiresAt,
    };
    ctx.written.messages.add(message);
    state.bufferedMessages = [...(state.bufferedMessages ?? []), message];
  }
}

/**
 * Buffered messages meet the subscriptions opened in this step: each correlates once, in publish
 * order, with the first matching subscription; expired ones are dropped.
 */
export function correlateBuffered(ctx: RuntimeContext): void {
  const { state, at } = ctx;
  if (!state.bufferedMessages?.length) return;
  state.bufferedMessages = state.bufferedMessages.filter((m) => Date.parse(m.expiresAt) > Date.parse(at));
  for (let changed = true; changed && state.status === 'running';) {
    changed = false;
    for (const message of state.bufferedMessages) {
      const sub = state.subscriptions.find(
        (s) =>
          s.kind === 'message' &&
          s.name === message.name &&
          (s.correlationKey === undefined || s.correlationKey === message.correlationKey),
      );
      if (!sub) continue;
      state.bufferedMessages = state.bufferedMessages.filter((m) => m.id !== message.id);
      if (!keeps(ctx.node(sub.elementId))) state.subscriptions = state.subscriptions.filter((s) => s.id !== sub.id);
      deliver(ctx, sub, message.variables);
      changed = true;
      break;
    }
  }
}
