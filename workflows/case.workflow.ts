import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { initialState, step } from './engine/runtime';
import type { EngineCommand, EngineEvent, EngineState } from './engine/model';
import { projection, serviceActivities } from './host/activities.proxy';
import { registerTaskHandlers } from './host/task-handlers';
import { caseStateQuery, syncUpdate, type CaseInput, type CaseView } from './messages';

/**
 * One case (办件) = one run of this workflow, interpreting the compiled BPMN graph with tokens.
 * Event handlers apply the pure `step`; commands become activities, run in order for projections.
 */
export async function caseWorkflow(input: CaseInput): Promise<CaseView> {
  let state: EngineState = initialState(input.caseId);
  let projections: Promise<void> = Promise.resolve();
  let running = 0;

  const view = (): CaseView => ({
    caseId: input.caseId,
    definitionId: input.definitionId,
    processKey: input.process.key,
    status: state.status,
    activeElements: state.tokens.map((t) => t.elementId),
    openTasks: state.openTasks,
    variables: state.variables,
    path: state.path,
    ...(state.failure ? { failure: state.failure } : {}),
  });

  const project = (fn: () => Promise<unknown>) => {
    projections = projections.then(async () => {
      await fn();
    });
  };

  const dispatch = (event: EngineEvent): void => {
    const result = step(input.process, state, event);
    state = result.state;
    for (const command of result.commands) execute(command);
  };

  const execute = (command: EngineCommand): void => {
    const caseId = input.caseId;
    switch (command.type) {
      case 'element.entered':
        project(() => projection.recordElementEntered({ caseId, elementId: command.elementId, nodeType: command.nodeType, name: command.name }));
        break;
      case 'userTask.open':
        project(() => projection.openTask({ caseId, task: command.task }));
        break;
      case 'userTask.close':
        project(() => projection.closeTask({ caseId, taskId: command.taskId, actor: command.actor, variables: command.variables }));
        break;
      case 'serviceTask.run': {
        running++;
        const acts = serviceActivities(command.retries);
        acts
          .runServiceTask({ caseId, elementId: command.elementId, taskType: command.taskType, variables: command.variables })
          .then(
            (output) => dispatch({ type: 'serviceTask.done', at: now(), tokenId: command.tokenId, output }),
            (err: Error) => dispatch({ type: 'serviceTask.failed', at: now(), tokenId: command.tokenId, message: (err.cause as Error | undefined)?.message ?? err.message }),
          )
          .finally(() => running--);
        break;
      }
      case 'case.completed':
        project(() => projection.finishCase({ caseId, status: 'completed', variables: command.variables }));
        break;
      case 'case.failed':
        project(() => projection.finishCase({ caseId, status: 'failed', variables: state.variables, failure: { elementId: command.elementId, message: command.message } }));
        break;
    }
  };

  setHandler(caseStateQuery, view);
  registerTaskHandlers({ state: () => state, dispatch, projected: () => projections, view, now });

  setHandler(syncUpdate, async () => {
    await projections;
    return view();
  });

  project(() =>
    projection.createCase({
      caseId: input.caseId,
      definitionId: input.definitionId,
      processKey: input.process.key,
      title: input.title,
      itemCode: input.itemCode,
      applicantId: input.applicantId,
      startedBy: input.startedBy,
      variables: input.variables,
    }),
  );
  dispatch({ type: 'case.start', at: now(), variables: input.variables });
  await condition(() => state.status !== 'running' && running === 0);
  await projections;
  await condition(allHandlersFinished);
  return view();
}

function now(): string {
  return new Date().toISOString();
}
