import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowFailure,
  getExternalWorkflowHandle,
  isCancellation,
  sleep,
  startChild,
} from '@temporalio/workflow';
import type { EngineCommand, EngineEvent, EngineState, Variables } from '../engine/model';
import { childEscalationSignal, type CaseInput, type CaseView } from '../messages';
import type { ProjectionOp } from '../../activities/projections.activities';
import { localProjection, localServiceActivities, projection, serviceActivities } from './activities.proxy';
import { reportProjectionFailure } from './projection-guard';

export interface RunnerHost {
  caseId: string;
  definitionId: string;
  testClock: boolean;
  clockOffsetMs: number;
  /** Set when this case runs for a call activity of another case. */
  parent?: { caseId: string; elementId: string };
  /** A projection under way finishes even when the case is cancelled (the read model stays whole). */
  shieldProjections?: boolean;
  /** Projections of one workflow task go to the read model together, as one local activity; service tasks run as local activities. */
  batchProjections?: boolean;
  /**
   * At most one local activity in flight: projection batches and service-task jobs take turns in one
   * lane. Two local activities resolving in one activation replay in another order than they ran.
   */
  localLane?: boolean;
  state(): EngineState;
  dispatch(event: EngineEvent): void;
}

/** The child case of a call activity's token, and back (the token id is part of the child's id). */
export const childCaseIdOf = (caseId: string, tokenId: string) => `${caseId}.${tokenId.replace(/^token-/, '')}`;
export const tokenIdOfChild = (caseId: string, childCaseId: string) => `token-${childCaseId.slice(caseId.length + 1)}`;

/**
 * EngineCommand → Temporal: projections (in order, batched per step), service-task activities,
 * timers as sleeps inside their own CancellationScope, and call activities as child workflows.
 */
export function createCommandRunner(host: RunnerHost) {
  let projections: Promise<void> = Promise.resolve();
  /** The lane local activities take turns in (see RunnerHost.localLane); settles, never rejects. */
  let lane: Promise<unknown> = Promise.resolve();
  let pendingProjections = 0;
  let clockOffsetMs = host.clockOffsetMs;
  const jobs = new Map<string, CancellationScope>();
  const children = new Map<string, CancellationScope>();
  const timers = new Map<string, { scope: CancellationScope; dueAt: string; elementId: string }>();
  /** While draining for continue-as-new, new jobs wait here and start in the next run. */
  let draining = false;
  const heldJobs: Extract<EngineCommand, { type: 'job.run' }>[] = [];
  let pendingSignals = 0;

  const now = () => new Date(Date.now() + clockOffsetMs).toISOString();

  const project = (fn: () => Promise<unknown>) => {
    pendingProjections++;
    const guarded = reportProjectionFailure(host.caseId, fn);
    const next = async () => {
      try {
        await (host.shieldProjections ? CancellationScope.nonCancellable(guarded) : guarded());
      } finally {
        pendingProjections--;
      }
    };
    // Projections retry until the database answers, so only a cancelled case rejects one; the
    // projections that close the cancelled case must still run after it.
    const previous = projections; // captured now: the callback below runs after `projections` has moved on
    const after = host.localLane ? lane.then(() => previous) : previous;
    projections = after.then(next, (err: unknown) => (isCancellation(err) ? next() : Promise.reject(err)));
    if (host.localLane) lane = projections.catch(() => undefined);
  };

  /**
   * One read-model projection. Batched: queued, and every projection queued by the time the previous
   * batch has finished goes in the next batch (so one workflow task's changes travel together, in order).
   */
  const queued: ProjectionOp[] = [];
  const emit = (op: ProjectionOp) => {
    if (!host.batchProjections) {
      project(() => (projection[op.kind] as (args: unknown) => Promise<unknown>)(op.args));
      return;
    }
    queued.push(op);
    project(async () => {
      const ops = queued.splice(0);
      if (ops.length === 0) return;
      await localProjection.applyProjections({ caseId: host.caseId, ops });
    });
  };

  const armTimer = (subscriptionId: string, elementId: string, dueAt: string) => {
    timers.get(subscriptionId)?.scope.cancel();
    const scope = new CancellationScope();
    timers.set(subscriptionId, { scope, dueAt, elementId });
    const ms = Math.max(0, Date.parse(dueAt) - (Date.now() + clockOffsetMs));
    scope
      .run(() => sleep(ms))
      .then(
        () => {
          if (timers.get(subscriptionId)?.scope !== scope) return;
          timers.delete(subscriptionId);
          if (host.state().status === 'running') host.dispatch({ type: 'timer.fired', at: now(), subscriptionId });
        },
        (err: unknown) => {
          if (!isCancellation(err)) throw err;
        },
      );
  };

  const runJob = (command: Extract<EngineCommand, { type: 'job.run' }>) => {
    if (draining) {
      heldJobs.push(command);
      return;
    }
    const scope = new CancellationScope();
    jobs.set(command.tokenId, scope);
    const acts = host.batchProjections ? localServiceActivities(command.retries) : serviceActivities(command.retries);
    const call = () =>
      scope.run(() =>
        acts.runServiceTask({
          caseId: host.caseId,
          elementId: command.elementId,
          taskType: command.taskType,
          variables: command.variables,
        }),
      );
    // In the lane, a job cancelled while it waits never starts (the cancelled scope refuses it).
    const started = host.localLane ? lane.then(call) : call();
    if (host.localLane) lane = started.catch(() => undefined);
    started
      .then(
        (output) => host.dispatch({ type: 'job.completed', at: now(), tokenId: command.tokenId, output: output ?? {} }),
        (err: unknown) => {
          if (isCancellation(err)) return;
          const cause = err instanceof ActivityFailure ? err.cause : err;
          if (cause instanceof ApplicationFailure && cause.type === 'BpmnError') {
            const [code, variables] = (cause.details ?? []) as [string, Variables | undefined];
            host.dispatch({ type: 'job.error', at: now(), tokenId: command.tokenId, code, message: cause.message, variables });
          } else {
            const message = (cause as Error | undefined)?.message ?? String(err);
            host.dispatch({
              type: 'job.failed',
              at: now(),
              tokenId: command.tokenId,
              message: `服务任务重试耗尽 (service task failed after ${command.retries} attempts): ${message}`,
            });
          }
        },
      )
      .finally(() => jobs.delete(command.tokenId));
  };

  const runChild = (command: Extract<EngineCommand, { type: 'child.start' }>) => {
    const scope = new CancellationScope();
    children.set(command.tokenId, scope);
    const childCaseId = childCaseIdOf(host.caseId, command.tokenId);
    scope
      .run(async () => {
        const called = await projection.loadCalledProcess({
          processKey: command.processKey,
          binding: command.binding,
          parentDefinitionId: host.definitionId,
        });
        const input: CaseInput = {
          caseId: childCaseId,
          definitionId: called.definitionId,
          process: called.process,
          variables: command.variables,
          title: called.process.name ?? called.process.key,
          applicantId: 'system',
          startedBy: host.caseId,
          parent: { caseId: host.caseId, elementId: command.elementId },
          testClock: host.testClock,
          ...(host.state().calendar ? { calendar: host.state().calendar } : {}),
        };
        const child = await startChild('caseWorkflow', { workflowId: `case-${childCaseId}`, args: [input] });
        const view = (await child.result()) as Pick<CaseView, 'status' | 'variables' | 'failure' | 'thrown'>;
        if (view.thrown) return view;
        if (view.status !== 'completed')
          throw ApplicationFailure.nonRetryable(`子案件未完成 (child case ended ${view.status}) ${view.failure?.message ?? ''}`);
        return view;
      })
      .then(
        (view) => {
          children.delete(command.tokenId); // the child has ended: a boundary that interrupts has nothing to cancel
          const { thrown } = view;
          if (thrown) {
            host.dispatch({
              type: 'child.error',
              at: now(),
              tokenId: command.tokenId,
              message: thrown.message,
              ...(thrown.code !== undefined ? { code: thrown.code } : {}),
              ...(thrown.variables ? { variables: thrown.variables } : {}),
            });
          } else host.dispatch({ type: 'child.completed', at: now(), tokenId: command.tokenId, output: view.variables });
        },
        (err: unknown) => {
          if (isCancellation(err)) return;
          const cause = err instanceof ChildWorkflowFailure || err instanceof ActivityFailure ? (err.cause ?? err) : err;
          host.dispatch({
            type: 'child.failed',
            at: now(),
            tokenId: command.tokenId,
            message: `调用活动失败 (call activity failed): ${(cause as Error).message}`,
          });
        },
      )
      .finally(() => children.delete(command.tokenId));
  };

  /** Hands an escalation this case did not catch to the call activity that started it. */
  const escalateToCaller = (command: Extract<EngineCommand, { type: 'escalation.toCaller' }>) => {
    if (!host.parent) return;
    pendingSignals++;
    void getExternalWorkflowHandle(`case-${host.parent.caseId}`)
      .signal(childEscalationSignal, {
        childCaseId: host.caseId,
        ...(command.code !== undefined ? { code: command.code } : {}),
        ...(command.variables ? { variables: command.variables } : {}),
      })
      .catch(() => undefined) // the caller has ended: nobody is left to catch it
      .finally(() => pendingSignals--);
  };

  const run = (commands: EngineCommand[]) => {
    const caseId = host.caseId;
    const timeline: Extract<EngineCommand, { type: 'element.entered' | 'element.left' }>[] = [];
    const flushTimeline = () => {
      if (timeline.length === 0) return;
      const entries = timeline.splice(0).map(({ type, elementId, nodeType, name, at, actor, tokenId, ...rest }) => ({
        event: type,
        elementId,
        nodeType,
        name,
        at,
        actor,
        tokenId,
        cancelled: 'cancelled' in rest ? rest.cancelled : undefined,
      }));
      emit({ kind: 'recordTimeline', args: { caseId, entries } });
    };
    for (const command of commands) {
      if (command.type === 'element.entered' || command.type === 'element.left') {
        timeline.push(command);
        continue;
      }
      flushTimeline();
      switch (command.type) {
        case 'userTask.open':
          emit({ kind: 'openTask', args: { caseId, task: command.task } });
          break;
        case 'userTask.close':
          emit({
            kind: 'closeTask',
            args: { caseId, taskId: command.taskId, actor: command.actor, variables: command.variables, cancelled: command.cancelled },
          });
          break;
        case 'job.run':
          runJob(command);
          break;
        case 'job.cancel':
          jobs.get(command.tokenId)?.cancel();
          heldJobs.splice(0, heldJobs.length, ...heldJobs.filter((j) => j.tokenId !== command.tokenId));
          break;
        case 'timer.start':
          armTimer(command.subscriptionId, command.elementId, command.dueAt);
          break;
        case 'timer.cancel':
          timers.get(command.subscriptionId)?.scope.cancel();
          timers.delete(command.subscriptionId);
          break;
        case 'child.start':
          runChild(command);
          break;
        case 'child.cancel':
          children.get(command.tokenId)?.cancel();
          break;
        case 'incident.raised':
          emit({ kind: 'recordIncident', args: { caseId, incident: command.incident } });
          break;
        case 'incident.resolved':
          emit({ kind: 'closeIncident', args: { caseId, incidentId: command.incidentId, actor: command.actor, how: command.how } });
          break;
        case 'case.completed':
          for (const t of timers.values()) t.scope.cancel();
          timers.clear();
          emit({ kind: 'finishCase', args: { caseId, status: 'completed', variables: command.variables } });
          break;
        case 'escalation.toCaller':
          escalateToCaller(command);
          break;
        case 'case.failed':
          emit({
            kind: 'finishCase',
            args: {
              caseId,
              status: 'failed',
              variables: host.state().variables,
              failure: { elementId: command.elementId, message: command.message },
            },
          });
          break;
      }
    }
    flushTimeline();
  };

  return {
    run,
    now,
    project,
    emit,
    batched: host.batchProjections === true,
    projection,
    projected: () => projections,
    idle: () => jobs.size === 0 && children.size === 0 && pendingProjections === 0 && pendingSignals === 0,
    /** Stop starting jobs (they are handed to the next run); true once nothing is in flight. */
    drain: () => {
      draining = true;
      return jobs.size === 0 && children.size === 0 && pendingSignals === 0;
    },
    heldJobs: () => [...heldJobs],
    clockOffset: () => clockOffsetMs,
    /** After continue-as-new: the timers in the state are armed again with their remaining time. */
    rearmTimers: () => {
      for (const sub of host.state().subscriptions) if (sub.kind === 'timer' && sub.dueAt) armTimer(sub.id, sub.elementId, sub.dueAt);
    },
    advanceClock: (ms: number) => {
      clockOffsetMs += ms;
      for (const [id, t] of [...timers.entries()]) armTimer(id, t.elementId, t.dueAt);
    },
  };
}
