import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { initialState, step } from './engine/runtime';
import type { EngineEvent, EngineState } from './engine/model';
import { registerMessageHandlers } from './host/message-handlers';
import { createCommandRunner } from './host/run-commands';
import { registerTaskHandlers } from './host/task-handlers';
import {
  advanceClockSignal,
  broadcastSignalSignal,
  caseStateQuery,
  CONTINUE_AS_NEW_STEPS,
  deliverMessageSignal,
  incidentActionUpdate,
  pauseClockUpdate,
  resumeClockUpdate,
  setCalendarUpdate,
  syncUpdate,
  type CalendarArgs,
  type CaseInput,
  type ClockArgs,
  type CaseView,
} from './messages';

/**
 * One case (办件) = one run of this workflow, interpreting the compiled BPMN graph with tokens.
 * Signal and update handlers apply the pure `step`; the command runner turns commands into
 * activities, timers (cancellable sleeps) and child cases. Long cases continue-as-new with their state.
 */
export async function caseWorkflow(input: CaseInput): Promise<CaseView> {
  let state: EngineState = input.resume?.state ?? initialState(input.caseId);
  const runs = (input.resume?.runs ?? 0) + 1;
  const stepsAtStart = state.steps;
  const maxSteps = input.maxStepsPerRun ?? CONTINUE_AS_NEW_STEPS;

  const view = (): CaseView => ({
    caseId: input.caseId,
    definitionId: input.definitionId,
    processKey: input.process.key,
    status: state.status,
    activeElements: state.tokens.map((t) => t.elementId),
    openTasks: state.openTasks,
    variables: state.variables,
    path: state.path,
    incidents: state.incidents,
    waiting: state.subscriptions.map((s) => ({
      elementId: s.elementId,
      kind: s.kind,
      ...(s.name ? { name: s.name } : {}),
      ...(s.dueAt ? { dueAt: s.dueAt } : {}),
    })),
    clockPauses: state.clockPauses,
    runs,
    ...(state.failure ? { failure: state.failure } : {}),
    ...(state.thrown ? { thrown: state.thrown } : {}),
    ...(state.bufferedMessages?.length
      ? { bufferedMessages: state.bufferedMessages.filter((m) => m.expiresAt > now()).map(({ variables: _v, ...m }) => m) }
      : {}),
  });

  // Cases started since batched projections take the earlier patches' paths without their markers
  // (each patch costs a marker and a search-attribute event in every case's history).
  // The first local path let a projection batch and a job run at once; when both resolved in one
  // activation on replay, a boundary timer was armed in another order (nondeterminism), so cases were
  // moved back to regular activities ('-off'). New cases take the local path again with one lane:
  // one local activity in flight at a time. Each case records the marker of its own path only.
  const lane = patched('local-lane');
  const batched = lane || (patched('local-projections-and-jobs') && !patched('local-projections-and-jobs-off'));
  const since = (patchId: string) => batched || patched(patchId);
  const runner = createCommandRunner({
    caseId: input.caseId,
    definitionId: input.definitionId,
    testClock: input.testClock === true,
    clockOffsetMs: input.resume?.clockOffsetMs ?? 0,
    ...(input.parent ? { parent: input.parent } : {}),
    shieldProjections: since('projections-outlive-cancel'),
    batchProjections: batched,
    localLane: lane,
    state: () => state,
    dispatch: (event) => dispatch(event),
  });

  function dispatch(event: EngineEvent): void {
    const result = step(input.process, state, event);
    state = result.state;
    runner.run(result.commands);
  }
  const now = runner.now;

  setHandler(caseStateQuery, view);
  registerTaskHandlers({
    process: input.process,
    state: () => state,
    dispatch,
    projected: runner.projected,
    view,
    now,
    ...(runner.batched ? { emit: runner.emit } : {}),
  });
  // An update can arrive in the very first workflow task, before the case has started; wait for
  // the start so the caller sees the case and its first tasks in the read model.
  let started = input.resume !== undefined;
  setHandler(syncUpdate, async () => {
    if (since('sync-waits-for-start')) await condition(() => started);
    await runner.projected();
    return view();
  });
  setHandler(deliverMessageSignal, (args) => {
    if (state.status === 'running')
      dispatch({ type: 'message.deliver', at: now(), name: args.name, correlationKey: args.correlationKey, variables: args.variables });
  });
  registerMessageHandlers({ caseId: input.caseId, process: input.process, state: () => state, dispatch, projected: runner.projected, now });
  setHandler(broadcastSignalSignal, (args) => {
    if (state.status === 'running')
      dispatch({ type: 'message.deliver', at: now(), name: args.name, variables: args.variables, signal: true });
  });
  setHandler(
    incidentActionUpdate,
    async (args) => {
      dispatch(
        args.action === 'retry'
          ? { type: 'incident.retry', at: now(), incidentId: args.incidentId, actor: args.actor }
          : { type: 'incident.resolve', at: now(), incidentId: args.incidentId, actor: args.actor, variables: args.variables },
      );
      await runner.projected();
      return view();
    },
    {
      validator: (args) => {
        if (!state.incidents.some((i) => i.id === args.incidentId)) {
          throw ApplicationFailure.nonRetryable(`事件 ${args.incidentId} 不存在或已处理 (incident is not open)`, 'IncidentNotOpen');
        }
      },
    },
  );
  const clockHandler =
    (type: 'clock.pause' | 'clock.resume') =>
    async (args: ClockArgs): Promise<CaseView> => {
      // Later versions also move the deadline variables (decisionDueAt, supplementDueAt …) people see.
      const follow = type === 'clock.resume' && patched('deadlines-follow-clock');
      const before = follow ? deadlineVariables() : undefined;
      dispatch(
        type === 'clock.pause'
          ? { type, at: now(), reason: args.reason }
          : { type, at: now(), ...(follow ? { followDeadlines: true } : {}) },
      );
      const moved = follow ? deadlineVariables() : undefined;
      runner.emit({
        kind: 'recordClock',
        args: {
          caseId: input.caseId,
          action: type,
          actor: args.actor,
          reason: args.reason,
          at: now(),
          ...(moved ? { deadlines: moved, deadlinesBefore: before ?? {} } : {}),
        },
      });
      await runner.projected();
      return view();
    };
  const deadlineVariables = (): Record<string, unknown> | undefined => {
    const limits = state.variables.timeLimits;
    if (!limits || typeof limits !== 'object') return undefined;
    return Object.fromEntries(Object.keys(limits).map((name) => [name, state.variables[name]]));
  };
  setHandler(
    setCalendarUpdate,
    async (args: CalendarArgs): Promise<CaseView> => {
      if (patched('district-calendar')) {
        const before = deadlineVariables();
        const timersBefore = state.subscriptions
          .filter((s) => s.kind === 'timer' && s.workingDays)
          .map((s) => ({ elementId: s.elementId, dueAt: s.dueAt }));
        dispatch({ type: 'calendar.set', at: now(), calendar: args.calendar });
        const timers = state.subscriptions
          .filter((s) => s.kind === 'timer' && s.workingDays)
          .map((s) => ({ elementId: s.elementId, dueAt: s.dueAt }));
        const after = deadlineVariables();
        runner.emit({
          kind: 'recordCalendar',
          args: {
            caseId: input.caseId,
            actor: args.actor,
            year: args.year,
            notice: args.notice,
            at: now(),
            before: { deadlines: before ?? {}, timers: timersBefore },
            after: { deadlines: after ?? {}, timers },
          },
        });
      }
      await runner.projected();
      return view();
    },
    {
      validator: (_args: CalendarArgs) => {
        if (state.status !== 'running') throw ApplicationFailure.nonRetryable('案件已结束 (the case is not running)', 'CaseNotRunning');
      },
    },
  );
  const paused = () => state.clockPauses.some((p) => p.to === undefined);
  setHandler(pauseClockUpdate, clockHandler('clock.pause'), {
    validator: (_args: ClockArgs) => {
      if (state.status !== 'running') throw ApplicationFailure.nonRetryable('案件已结束 (the case is not running)', 'CaseNotRunning');
      if (paused()) throw ApplicationFailure.nonRetryable('计时已暂停 (the clock is already paused)', 'ClockAlreadyPaused');
    },
  });
  setHandler(resumeClockUpdate, clockHandler('clock.resume'), {
    validator: (_args: ClockArgs) => {
      if (!paused()) throw ApplicationFailure.nonRetryable('计时未暂停 (the clock is not paused)', 'ClockNotPaused');
    },
  });
  setHandler(advanceClockSignal, (ms) => {
    if (input.testClock) runner.advanceClock(ms);
  });

  if (input.resume) {
    runner.rearmTimers();
    runner.run(input.resume.heldJobs ?? []);
  } else {
    // The loaded holiday notices travel in the input: the case counts on them from its first step.
    if (input.calendar && patched('district-calendar')) state = { ...state, calendar: input.calendar };
    runner.emit({
      kind: 'createCase',
      args: {
        caseId: input.caseId,
        definitionId: input.definitionId,
        processKey: input.process.key,
        title: input.title,
        itemCode: input.itemCode,
        applicantId: input.applicantId,
        startedBy: input.startedBy,
        variables: input.variables,
      },
    });
    dispatch({
      type: 'case.start',
      at: now(),
      variables: input.variables,
      ...(input.startElementId ? { startElementId: input.startElementId } : {}),
      // A called case hands uncaught BPMN errors and escalations to its call activity.
      ...(input.parent && since('bpmn-errors-reach-caller') ? { toCaller: true } : {}),
    });
    started = true;
  }

  const done = () => state.status !== 'running' && runner.idle();
  const tooLong = () => state.steps - stepsAtStart >= maxSteps || workflowInfo().continueAsNewSuggested;
  try {
    await condition(() => done() || (tooLong() && runner.drain()));
  } catch (err) {
    // Cancelled from outside (an interrupting boundary on the calling case's call activity): close
    // the case in the read model — tasks cancelled, status terminated — before the run ends.
    if (isCancellation(err) && state.status === 'running' && since('cancelled-case-closes')) {
      await CancellationScope.nonCancellable(async () => {
        dispatch({ type: 'case.cancel', at: now(), actor: 'system', reason: '调用方已取消 (cancelled by the calling case)' });
        runner.emit({ kind: 'closeCancelledCase', args: { caseId: input.caseId, variables: state.variables, at: now() } });
        await runner.projected();
      });
    }
    throw err;
  }
  if (!done()) {
    // Jobs and child cases are finished, timers are in the state: the next run re-arms them.
    await runner.projected();
    await condition(allHandlersFinished);
    await continueAsNew<typeof caseWorkflow>({
      ...input,
      resume: { state, clockOffsetMs: runner.clockOffset(), runs, heldJobs: runner.heldJobs() },
    });
  }
  await runner.projected();
  await condition(allHandlersFinished);
  return view();
}
