import { workingDayDue } from '../timers';
import type { EngineState } from '../model';
import type { RuntimeContext } from './context';
import { setVariables } from './variables';

/** Clock pauses (计时暂停, e.g. waiting for the applicant): working-day deadlines move by the pause. */
export function pause(ctx: RuntimeContext, reason?: string): void {
  const { state } = ctx;
  if (state.clockPauses.some((p) => p.to === undefined)) return;
  state.clockPauses.push({ from: ctx.at, ...(reason ? { reason } : {}) });
  reschedule(ctx);
}

export function resume(ctx: RuntimeContext, followDeadlines?: boolean): void {
  const { state } = ctx;
  const i = state.clockPauses.findIndex((p) => p.to === undefined);
  const open = state.clockPauses[i];
  if (!open) return;
  state.clockPauses[i] = { ...open, to: ctx.at };
  reschedule(ctx);
  if (followDeadlines) followTimeLimits(ctx);
}

/** A newly loaded district calendar (节假日安排): working-day timers and the deadlines people see move. */
export function setCalendar(ctx: RuntimeContext, calendar: EngineState['calendar']): void {
  ctx.state.calendar = calendar;
  reschedule(ctx);
  followTimeLimits(ctx);
}

/**
 * Deadline variables with their basis in `timeLimits` ({decisionDueAt: {start, days}}) follow the clock and
 * the calendar, so the dates people see match the timers. Not while the clock stands still.
 */
function followTimeLimits(ctx: RuntimeContext): void {
  const { state } = ctx;
  const limits = state.variables.timeLimits;
  if (!limits || typeof limits !== 'object' || state.clockPauses.some((p) => p.to === undefined)) return;
  const root = ctx.rootScope();
  const moved: Record<string, string> = {};
  for (const [name, basis] of Object.entries(limits as Record<string, { start?: unknown; days?: unknown }>)) {
    if (typeof basis?.start !== 'string' || typeof basis.days !== 'number') continue;
    const before = root.variables[name];
    const after = workingDayDue(basis.start, basis.days, state.clockPauses, state.calendar);
    moved[name] = after;
    // A task due on this deadline (dueDate "=decisionDueAt") moves with it.
    state.openTasks.forEach((t, i) => {
      if (t.dueAt !== undefined && t.dueAt === before) state.openTasks[i] = { ...t, dueAt: after };
    });
  }
  if (Object.keys(moved).length) setVariables(ctx, root.id, moved, ctx.process.key);
}

function reschedule(ctx: RuntimeContext): void {
  const { state } = ctx;
  for (const found of state.subscriptions) {
    if (found.kind !== 'timer' || !found.workingDays) continue;
    const sub = ctx.own.subscription(found);
    sub.dueAt = workingDayDue(found.workingDays.start, found.workingDays.days, state.clockPauses, state.calendar);
    ctx.commands.push({ type: 'timer.start', subscriptionId: sub.id, elementId: sub.elementId, dueAt: sub.dueAt });
  }
}
