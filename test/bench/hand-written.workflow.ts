import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { OpenTask, Variables } from '../../workflows/engine/model';
import { completeTaskUpdate, syncUpdate, type CaseView } from '../../workflows/messages';

const projection = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const service = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 3, initialInterval: '1 second', backoffCoefficient: 2 },
});

export interface HandWrittenInput {
  caseId: string;
  definitionId: string;
  title: string;
  applicantId: string;
  variables: Variables;
  /** Write the element timeline as the engine does (same recordTimeline activity); false = lean baseline. */
  timeline: boolean;
}

/**
 * The benchmark process written by hand: start → 材料预检 (service) → 审查 (user task) → approved? →
 * 送达结果 (service) → end. The same activities and updates as the engine runs for bench-process.bpmn.
 */
export async function handWrittenCase(input: HandWrittenInput): Promise<CaseView> {
  const { caseId } = input;
  let variables: Variables = { ...input.variables };
  let status: CaseView['status'] = 'running';
  let openTasks: OpenTask[] = [];
  let projections: Promise<void> = Promise.resolve();
  const project = (fn: () => Promise<unknown>) => {
    projections = projections.then(async () => {
      await fn();
    });
  };
  const mark = (entries: [event: 'element.entered' | 'element.left', elementId: string, nodeType: string, actor?: string][]) => {
    if (!input.timeline) return;
    const at = new Date().toISOString();
    project(() =>
      projection.recordTimeline({
        caseId,
        entries: entries.map(([event, elementId, nodeType, actor]) => ({
          event,
          elementId,
          nodeType,
          at,
          tokenId: `${caseId}-${elementId}`,
          ...(actor ? { actor } : {}),
        })),
      }),
    );
  };
  let completion: { actor: string; variables: Variables } | undefined;
  let closed = false;
  const view = (): CaseView =>
    ({
      caseId,
      definitionId: input.definitionId,
      processKey: 'bench-engine',
      status,
      activeElements: openTasks.map((t) => t.elementId),
      openTasks,
      variables,
      path: [],
    }) as unknown as CaseView;

  setHandler(syncUpdate, async () => {
    await projections;
    return view();
  });
  setHandler(
    completeTaskUpdate,
    async (args) => {
      completion = { actor: args.actor.id, variables: args.variables };
      openTasks = [];
      await condition(() => status !== 'running' || closed);
      await projections;
      return view();
    },
    {
      validator: (args) => {
        const task = openTasks.find((t) => t.taskId === args.taskId);
        if (!task) throw ApplicationFailure.nonRetryable('task is not open', 'TaskNotOpen');
        if (!args.actor.groups.includes('window') && !args.actor.roles.includes('admin'))
          throw ApplicationFailure.nonRetryable('not a candidate', 'NotCandidate');
      },
    },
  );

  project(() =>
    projection.createCase({
      caseId,
      definitionId: input.definitionId,
      processKey: 'bench-engine',
      title: input.title,
      applicantId: input.applicantId,
      startedBy: input.applicantId,
      variables,
    }),
  );
  mark([
    ['element.entered', 'start', 'startEvent'],
    ['element.left', 'start', 'startEvent'],
    ['element.entered', 'precheck', 'serviceTask'],
  ]);
  variables = { ...variables, ...(await service.runServiceTask({ caseId, elementId: 'precheck', taskType: 'bench-precheck', variables })) };
  const task: OpenTask = {
    taskId: `${caseId}-T-1`,
    tokenId: 't1',
    elementId: 'review',
    name: '审查',
    assignment: { candidateGroups: ['window'] },
    createdAt: new Date().toISOString(),
  } as OpenTask;
  openTasks = [task];
  mark([
    ['element.left', 'precheck', 'serviceTask'],
    ['element.entered', 'review', 'userTask'],
  ]);
  project(() => projection.openTask({ caseId, task }));
  await condition(() => completion !== undefined);
  const done = completion as unknown as { actor: string; variables: Variables };
  variables = { ...variables, ...done.variables };
  project(() => projection.closeTask({ caseId, taskId: task.taskId, actor: done.actor, variables: done.variables }));
  closed = true;
  const approved = variables.approved === true;
  mark([
    ['element.left', 'review', 'userTask', done.actor],
    ['element.entered', 'decision', 'exclusiveGateway'],
    ['element.left', 'decision', 'exclusiveGateway'],
    ['element.entered', approved ? 'notify' : 'rejected', approved ? 'serviceTask' : 'endEvent'],
  ]);
  if (approved) {
    variables = { ...variables, ...(await service.runServiceTask({ caseId, elementId: 'notify', taskType: 'bench-notify', variables })) };
  }
  mark(
    approved
      ? [
          ['element.left', 'notify', 'serviceTask'],
          ['element.entered', 'done', 'endEvent'],
          ['element.left', 'done', 'endEvent'],
        ]
      : [['element.left', 'rejected', 'endEvent']],
  );
  status = 'completed';
  project(() => projection.finishCase({ caseId, status: 'completed', variables }));
  await projections;
  return view();
}
