import { evaluateValue } from '../expressions';
import { EngineError, type FlowNode, type Subscription, type Token, type Variables } from '../model';
import { computeDue, durationEnd } from '../timers';
import type { RuntimeContext } from './context';
import { tokenVars } from './variables';

const CATCHABLE = ['timer', 'message', 'signal'];

/** Subscriptions (订阅): timers, messages and signals an element or scope waits for. */
export function subscribe(
  ctx: RuntimeContext,
  n: FlowNode,
  ownerTokenId: string | undefined,
  ownerScopeId: string | undefined,
  vars: Variables,
  forElement?: string,
): void {
  const ev = n.event;
  const kind = ev?.kind === 'timer' ? 'timer' : ev?.kind === 'signal' ? 'signal' : 'message';
  const sub: Subscription = ctx.created({ id: ctx.nextId('sub'), kind, elementId: forElement ?? n.id, ownerTokenId, ownerScopeId });
  if (kind === 'timer') {
    const spec = ev?.timer;
    if (!spec) throw new EngineError(n.id, '定时器缺少定义 (timer has no definition)');
    const value = String(evaluateValue(n.id, spec.value, vars));
    let due;
    try {
      due = computeDue(spec.kind, value, ctx.at, ctx.state.clockPauses, ctx.state.calendar);
    } catch (err) {
      throw new EngineError(n.id, (err as Error).message);
    }
    Object.assign(sub, due);
    ctx.commands.push({ type: 'timer.start', subscriptionId: sub.id, elementId: sub.elementId, dueAt: due.dueAt });
  } else {
    sub.name = ev?.name ?? n.id;
    if (ev?.correlationKey) {
      const key = evaluateValue(n.id, ev.correlationKey, vars);
      if (key !== null) sub.correlationKey = String(key);
    }
  }
  ctx.state.subscriptions.push(sub);
}

export function dropSubscriptions(ctx: RuntimeContext, pred: (s: Subscription) => boolean): void {
  const { state } = ctx;
  for (const sub of state.subscriptions.filter(pred)) {
    if (sub.kind === 'timer') ctx.commands.push({ type: 'timer.cancel', subscriptionId: sub.id });
  }
  state.subscriptions = state.subscriptions.filter((s) => !pred(s));
}

/** Arms the timer, message and signal boundary events (边界事件) of an activity a token waits in. */
export function subscribeBoundaries(ctx: RuntimeContext, n: FlowNode, t: Token): void {
  for (const bId of n.boundaries ?? []) {
    const b = ctx.node(bId);
    if (b.event && CATCHABLE.includes(b.event.kind)) subscribe(ctx, b, t.id, undefined, tokenVars(ctx, t));
  }
}

/** Arms the catch events after an event-based gateway (事件网关): the first to happen wins. */
export function armRace(ctx: RuntimeContext, n: FlowNode, t: Token): void {
  const targets = [...new Set(n.outgoing.map((f) => ctx.process.flows[f]?.targetRef as string))];
  t.raceTargets = targets;
  for (const target of targets) subscribe(ctx, ctx.node(target), t.id, undefined, tokenVars(ctx, t));
}

/** Whether a subscription stays after firing (non-interrupting boundary or event-subprocess start). */
export const keeps = (n: FlowNode): boolean =>
  (n.type === 'boundaryEvent' && n.cancelActivity === false) || (n.type === 'startEvent' && n.interrupting === false);

/** Starts the next round of a cycle timer; false when it has no rounds left. */
export function rearm(ctx: RuntimeContext, fired: Subscription): boolean {
  if (!fired.interval || fired.repeat === 0) return false;
  const sub = ctx.own.subscription(fired);
  sub.repeat = sub.repeat === -1 ? -1 : (sub.repeat ?? 1) - 1;
  sub.dueAt = durationEnd(ctx.at, fired.interval);
  ctx.commands.push({ type: 'timer.start', subscriptionId: sub.id, elementId: sub.elementId, dueAt: sub.dueAt });
  return true;
}

export { CATCHABLE };
