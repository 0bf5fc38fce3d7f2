import { EngineError, type Incident, type Token, type Variables } from '../model';
import type { RuntimeContext } from './context';
import { enterBody } from './multi-instance';
import { cancelToken, leave, removeToken, runElement } from './tokens';
import { dropSubscriptions } from './subscriptions';
import { setVariables, tokenVars } from './variables';

/** Incidents (异常事件): the token stops where it failed until staff retry or resolve it. */
export function raiseIncident(ctx: RuntimeContext, failed: Token, err: EngineError, kind: 'element' | 'leave' | 'job'): void {
  const { state } = ctx;
  const t = ctx.own.token(failed);
  if (!ctx.tokenOf(t.id)) state.tokens.push(t);
  const incident: Incident = {
    id: `${state.instanceId}-${ctx.nextId('I')}`,
    elementId: err.elementId || t.elementId,
    tokenId: t.id,
    message: err.message,
    at: ctx.at,
    kind: kind === 'job' ? 'job' : 'element',
  };
  t.incidentId = incident.id;
  t.failedPhase = kind;
  state.incidents.push(incident);
  ctx.commands.push({ type: 'incident.raised', incident });
}

/**
 * An error nothing in this case catches: an incident on the element, or — in a called case — the
 * end of this case, the error going to the calling case's call activity (Camunda semantics).
 */
export function uncaughtError(
  ctx: RuntimeContext,
  t: Token,
  elementId: string,
  code: string | undefined,
  message: string,
  phase: 'element' | 'job',
  vars?: Variables,
): void {
  const { state } = ctx;
  if (!state.toCaller) return raiseIncident(ctx, t, new EngineError(elementId, message), phase);
  for (const x of [...state.tokens]) cancelToken(ctx, x);
  dropSubscriptions(ctx, () => true);
  state.status = 'failed';
  const text = `BPMN 错误 ${code ?? ''} 未在本案件捕获，已交给调用方 (uncaught BPMN error passed to the calling case)`;
  state.failure = { elementId, message: text };
  state.thrown = { elementId, message, ...(code !== undefined ? { code } : {}), ...(vars ? { variables: vars } : {}) };
  ctx.commands.push({ type: 'case.failed', elementId, message: text });
}

/** Retries the failed phase of an incident's token (entering, leaving, or its job). */
export function retryIncident(ctx: RuntimeContext, incident: Incident, vars?: Variables): void {
  const { state } = ctx;
  const found = ctx.tokenOf(incident.tokenId);
  state.incidents = state.incidents.filter((i) => i.id !== incident.id);
  if (!found) return;
  const t = ctx.own.token(found);
  delete t.incidentId;
  const phase = t.failedPhase;
  delete t.failedPhase;
  if (vars) setVariables(ctx, t.scopeId, vars, t.elementId);
  const n = ctx.node(t.elementId);
  if (phase === 'job') {
    const def = n.taskDefinition;
    if (def)
      ctx.commands.push({
        type: 'job.run',
        tokenId: t.id,
        elementId: n.id,
        taskType: def.type,
        retries: def.retries,
        variables: tokenVars(ctx, t),
      });
    return;
  }
  if (phase === 'leave') return leave(ctx, t, { outputsApplied: true, takeOne: n.type === 'exclusiveGateway' });
  removeToken(ctx, t);
  if (t.mi || ((n.multiInstance || n.loop) && !t.innerOf)) return enterBody(ctx, n, ctx.created({ ...t, mi: undefined }));
  runElement(ctx, n, t, { triggered: false });
}

/** Resolves a job incident by hand: the token leaves as if the job had completed with `vars`. */
export function resolveJobIncident(ctx: RuntimeContext, incident: Incident, vars?: Variables): void {
  ctx.state.incidents = ctx.state.incidents.filter((i) => i.id !== incident.id);
  const found = ctx.tokenOf(incident.tokenId);
  if (!found) return;
  const t = ctx.own.token(found);
  delete t.incidentId;
  leave(ctx, t, { output: vars ?? {} });
}
