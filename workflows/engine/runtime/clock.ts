import { workingDayDue } from '../timers';
import type { RuntimeContext } from './context';

/** Clock pauses (计时暂停, e.g. waiting for the applicant): working-day deadlines move by the pause. */
export function pause(ctx: RuntimeContext, reason?: string): void {
  const { state } = ctx;
  if (state.clockPauses.some((p) => p.to === undefined)) return;
  state.clockPauses.push({ from: ctx.at, ...(reason ? { reason } : {}) });
  reschedule(ctx);
}

export function resume(ctx: RuntimeContext): void {
  const { state } = ctx;
  const i = state.clockPauses.findIndex((p) => p.to === undefined);
  const open = state.clockPauses[i];
  if (!open) return;
  state.clockPauses[i] = { ...open, to: ctx.at };
  reschedule(ctx);
}

function reschedule(ctx: RuntimeContext): void {
  const { state } = ctx;
  for (const found of state.subscriptions) {
    if (found.kind !== 'timer' || !found.workingDays) continue;
    const sub = ctx.own.subscription(found);
    sub.dueAt = workingDayDue(found.workingDays.start, found.workingDays.days, state.clockPauses);
    ctx.commands.push({ type: 'timer.start', subscriptionId: sub.id, elementId: sub.elementId, dueAt: sub.dueAt });
  }
}
