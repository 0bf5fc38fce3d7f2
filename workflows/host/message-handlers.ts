import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { VARIABLES_LIMIT_BYTES, type CompiledProcess, type EngineEvent, type EngineState } from '../engine/model';
import { variablesLimitProblem } from '../engine/runtime';
import { durationEnd } from '../engine/timers';
import { childEscalationSignal, publishMessageUpdate, type PublishMessageArgs } from '../messages';
import { tokenIdOfChild } from './run-commands';

/** What the case workflow lends the message handlers. */
export interface MessageHost {
  caseId: string;
  process: CompiledProcess;
  state(): EngineState;
  dispatch(event: EngineEvent): void;
  projected(): Promise<void>;
  now(): string;
}

const tooLarge = (message: string) =>
  ApplicationFailure.create({
    type: 'VariablesTooLarge',
    nonRetryable: true,
    message,
    details: [{ field: 'variables', limit: VARIABLES_LIMIT_BYTES }],
  });

/**
 * Messages published over HTTP (Camunda 8 semantics: correlated at once, else buffered for their
 * time-to-live) and escalations a called case hands up to its call activity.
 */
export function registerMessageHandlers(host: MessageHost): void {
  const event = (args: PublishMessageArgs): Extract<EngineEvent, { type: 'message.deliver' }> => ({
    type: 'message.deliver',
    at: host.now(),
    name: args.name,
    correlationKey: args.correlationKey,
    variables: args.variables,
    expiresAt: durationEnd(host.now(), args.timeToLive),
    // Unique in the case: the step number the message is applied at.
    messageId: `${host.caseId}-msg-${host.state().steps + 1}`,
  });

  setHandler(
    publishMessageUpdate,
    async (args) => {
      const state = host.state();
      // The same match the step makes: a waiting subscription of this name (and key) takes it now.
      const correlated = state.subscriptions.some(
        (s) => s.kind === 'message' && s.name === args.name && (s.correlationKey === undefined || s.correlationKey === args.correlationKey),
      );
      const published = event(args);
      host.dispatch(published);
      const buffered = (host.state().bufferedMessages ?? []).some((m) => m.id === published.messageId);
      await host.projected();
      return { messageId: published.messageId as string, correlated, buffered, ...(buffered ? { expiresAt: published.expiresAt } : {}) };
    },
    {
      validator: (args) => {
        if (host.state().status !== 'running')
          throw ApplicationFailure.nonRetryable('案件已结束 (the case is not running)', 'CaseNotRunning');
        let published;
        try {
          published = event(args);
        } catch (err) {
          throw ApplicationFailure.nonRetryable((err as Error).message, 'InvalidMessage');
        }
        const size = JSON.stringify(args.variables ?? {}).length;
        if (size > VARIABLES_LIMIT_BYTES) throw tooLarge(`消息变量过大 (message variables too large): ${size} > ${VARIABLES_LIMIT_BYTES}`);
        const problem = variablesLimitProblem(host.process, host.state(), published);
        if (problem)
          throw tooLarge(
            `消息 ${args.name} 的变量使案件变量超出上限 (correlating it would exceed the case variables limit) at ${problem.elementId}: ${problem.message}`,
          );
      },
    },
  );

  setHandler(childEscalationSignal, (args) => {
    if (host.state().status === 'running') {
      host.dispatch({
        type: 'child.escalation',
        at: host.now(),
        tokenId: tokenIdOfChild(host.caseId, args.childCaseId),
        code: args.code,
        variables: args.variables,
      });
    }
  });
}
