import { evaluateValue } from '../expressions';
import { EngineError, type FlowNode, type OpenTask, type Token } from '../model';
import { durationEnd, isDuration, workingDayDue } from '../timers';
import type { RuntimeContext } from './context';
import { tokenVars } from './variables';

/** Puts a user task (待办) in the inbox, with its due and follow-up dates resolved (working days count). */
export function openTask(ctx: RuntimeContext, n: FlowNode, t: Token, task: OpenTask): void {
  const { state, at } = ctx;
  const vars = tokenVars(ctx, t);
  const due = (expr: string | undefined): string | undefined => {
    if (expr === undefined) return undefined;
    const value = evaluateValue(n.id, expr, vars);
    if (value === null || value === '') return undefined;
    const text = String(value);
    if (/^P\d+WD$/.test(text.trim())) return workingDayDue(at, Number(text.trim().slice(1, -2)), state.clockPauses, state.calendar);
    if (isDuration(text)) return durationEnd(at, text);
    const ms = Date.parse(text);
    if (Number.isNaN(ms))
      throw new EngineError(n.id, `期限不是 ISO-8601 时间或时长 (due date is not an ISO-8601 date or duration): ${text}`);
    return new Date(ms).toISOString();
  };
  const schedule = n.type === 'userTask' ? n : undefined;
  const dueAt = due(schedule?.dueDate);
  const followUpAt = due(schedule?.followUpDate);
  if (dueAt) task.dueAt = dueAt;
  if (followUpAt) task.followUpAt = followUpAt;
  state.openTasks.push(task);
  ctx.written.tasks.add(task);
  ctx.commands.push({ type: 'userTask.open', task });
}
