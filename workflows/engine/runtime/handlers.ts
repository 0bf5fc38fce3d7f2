import { EngineError, ROOT_SCOPE, type EngineEvent } from '../model';
import { pause, resume, setCalendar } from './clock';
import { checkSize, setVariables } from './variables';
import type { RuntimeContext } from './context';
import { raiseIncident, resolveJobIncident, retryIncident, uncaughtError } from './incidents';
import { deliver, publish } from './messages';
import { propagate } from './propagation';
import { createScope, startScope } from './scopes';
import { dropSubscriptions, keeps, rearm } from './subscriptions';
import { cancelToken, enter, leave } from './tokens';

type Handlers = { [K in EngineEvent['type']]: (ctx: RuntimeContext, event: Extract<EngineEvent, { type: K }>) => void };

/** One handler per engine event (引擎事件): what the event does to the case. */
export const handlers: Handlers = {
  'case.start': (ctx, event) => {
    const { state, process } = ctx;
    const root = createScope(ctx, ROOT_SCOPE, undefined, undefined, { ...event.variables });
    state.variables = root.variables;
    checkSize(ctx, process.key);
    if (event.toCaller) state.toCaller = true;
    if (event.startElementId) {
      const start = ctx.node(event.startElementId);
      if (start.type !== 'startEvent' || start.scope)
        throw new EngineError(start.id, `不是流程级启动事件 (not a process start event) ${start.id}`);
      enter(ctx, start.id, root.id, { triggered: true });
    } else startScope(ctx, root, process.startNodeIds);
  },

  'userTask.complete': (ctx, event) => {
    const { state } = ctx;
    const task = state.openTasks.find((t) => t.taskId === event.taskId);
    if (!task) throw new EngineError('?', `任务不存在或已办结 (task not open) ${event.taskId}`);
    state.openTasks = state.openTasks.filter((t) => t.taskId !== event.taskId);
    ctx.commands.push({ type: 'userTask.close', taskId: task.taskId, actor: event.actor.id, variables: event.variables });
    const t = ctx.tokenOf(task.tokenId);
    if (t) leave(ctx, t, { output: event.variables, actor: event.actor.id });
  },

  'job.completed': (ctx, event) => {
    const t = ctx.tokenOf(event.tokenId);
    if (t && !t.incidentId) leave(ctx, t, { output: event.output });
  },

  'job.error': (ctx, event) => {
    const t = ctx.tokenOf(event.tokenId);
    if (!t) return;
    if (event.variables) setVariables(ctx, t.scopeId, event.variables, t.elementId);
    if (!propagate(ctx, t, 'error', event.code, true, undefined)) {
      uncaughtError(
        ctx,
        t,
        t.elementId,
        event.code,
        `未捕获的 BPMN 错误 (uncaught BPMN error) ${event.code}${event.message ? `: ${event.message}` : ''}`,
        'job',
        event.variables,
      );
    }
  },

  'job.failed': (ctx, event) => {
    const t = ctx.tokenOf(event.tokenId);
    if (t) raiseIncident(ctx, t, new EngineError(t.elementId, event.message), 'job');
  },

  'child.completed': (ctx, event) => {
    const t = ctx.tokenOf(event.tokenId);
    if (!t) return;
    const n = ctx.node(t.elementId);
    const propagateAll = n.type !== 'callActivity' || n.calledElement?.propagateAllChildVariables !== false;
    const output = n.outputs?.length || propagateAll ? event.output : {};
    leave(ctx, t, { output });
  },

  'child.failed': (ctx, event) => {
    const t = ctx.tokenOf(event.tokenId);
    if (t) raiseIncident(ctx, t, new EngineError(t.elementId, event.message), 'element');
  },

  'child.error': (ctx, event) => {
    const t = ctx.tokenOf(event.tokenId);
    if (!t || t.incidentId) return;
    if (!propagate(ctx, t, 'error', event.code, true, event.variables)) {
      uncaughtError(
        ctx,
        t,
        t.elementId,
        event.code,
        `调用的子案件抛出未捕获的 BPMN 错误 (the called case threw an uncaught BPMN error) ${event.code ?? ''}: ${event.message}`,
        'element',
        event.variables,
      );
    }
  },

  'child.escalation': (ctx, event) => {
    const t = ctx.tokenOf(event.tokenId);
    if (!t || t.incidentId) return;
    if (!propagate(ctx, t, 'escalation', event.code, true, event.variables) && ctx.state.toCaller) {
      ctx.commands.push({
        type: 'escalation.toCaller',
        elementId: t.elementId,
        ...(event.code !== undefined ? { code: event.code } : {}),
        ...(event.variables ? { variables: event.variables } : {}),
      });
    }
  },

  'timer.fired': (ctx, event) => {
    const { state } = ctx;
    const sub = state.subscriptions.find((s) => s.id === event.subscriptionId);
    if (!sub) return;
    if (!keeps(ctx.node(sub.elementId)) || !rearm(ctx, sub)) state.subscriptions = state.subscriptions.filter((s) => s.id !== sub.id);
    deliver(ctx, sub);
  },

  'message.deliver': (ctx, event) => publish(ctx, event),

  'incident.retry': (ctx, event) => {
    const incident = openIncident(ctx, event.incidentId);
    ctx.commands.push({ type: 'incident.resolved', incidentId: incident.id, actor: event.actor, how: 'retried' });
    retryIncident(ctx, incident);
  },

  'incident.resolve': (ctx, event) => {
    const incident = openIncident(ctx, event.incidentId);
    ctx.commands.push({ type: 'incident.resolved', incidentId: incident.id, actor: event.actor, how: 'resolved' });
    if (incident.kind === 'job') resolveJobIncident(ctx, incident, event.variables);
    else retryIncident(ctx, incident, event.variables);
  },

  'clock.pause': (ctx, event) => pause(ctx, event.reason),

  'clock.resume': (ctx, event) => resume(ctx, event.followDeadlines),

  'calendar.set': (ctx, event) => setCalendar(ctx, event.calendar),

  'case.cancel': (ctx) => {
    for (const t of [...ctx.state.tokens]) cancelToken(ctx, t);
    dropSubscriptions(ctx, () => true);
    ctx.state.status = 'terminated';
  },
};

function openIncident(ctx: RuntimeContext, incidentId: string) {
  const incident = ctx.state.incidents.find((i) => i.id === incidentId);
  if (!incident) throw new EngineError('?', `事件不存在或已处理 (incident not open) ${incidentId}`);
  return incident;
}
