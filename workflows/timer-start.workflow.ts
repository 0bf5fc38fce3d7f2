import { ApplicationFailure, startChild, uuid4, workflowInfo } from '@temporalio/workflow';
import { projection } from './host/activities.proxy';
import type { CaseInput } from './messages';

/** What a definition's timer-start schedule passes at each fire time. */
export interface TimerStartArgs {
  definitionId: string;
  processKey: string;
  /** The process-level timer start event that fired. */
  elementId: string;
}

/** Who started a case that a timer start event started (the read model's `startedBy`). */
export const TIMER_STARTER = 'system:timer';

/**
 * Run by a Temporal Schedule at each time of a timer start event: starts one case of the scheduled
 * definition version at that start event (already fired), and ends once the case has started. The
 * case is abandoned to run on its own, like any case started over HTTP.
 */
export async function timerStartWorkflow(args: TimerStartArgs): Promise<{ caseId: string }> {
  const loaded = await projection.loadDefinition({ definitionId: args.definitionId });
  const start = loaded.process.nodes[args.elementId];
  if (!start || start.type !== 'startEvent' || start.scope || start.event?.kind !== 'timer') {
    throw ApplicationFailure.nonRetryable(
      `${args.definitionId} 没有定时启动事件 ${args.elementId} (no such timer start event)`,
      'TimerStartNotFound',
    );
  }
  // Same shape as an HTTP-started case id (HB<date>-<6>); deterministic, from workflow time and uuid4.
  const date = new Date(workflowInfo().runStartTime.getTime()).toISOString().slice(0, 10).replaceAll('-', '');
  const caseId = `HB${date}-${uuid4().replaceAll('-', '').slice(0, 6).toUpperCase()}`;
  const input: CaseInput = {
    caseId,
    definitionId: loaded.definitionId,
    process: loaded.process,
    variables: {},
    title: loaded.process.name ?? loaded.process.key,
    applicantId: TIMER_STARTER,
    startedBy: TIMER_STARTER,
    startElementId: args.elementId,
  };
  await startChild('caseWorkflow', { workflowId: `case-${caseId}`, args: [input], parentClosePolicy: 'ABANDON' });
  return { caseId };
}
