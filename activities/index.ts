import { ApplicationFailure, Context } from '@temporalio/activity';
import type { PrismaClient } from '../server/data/generated/client';
import type { Variables } from '../workflows/engine/model';
import { createCaseActivities } from './cases.activities';
import { createEventCaseActivities } from './catalog/event-case.activities';
import { createNotificationActivities } from './notifications';
import { createEngineActivities } from './engine.activities';
import { serviceTaskHandlers } from './service-tasks';
import { createTaskActivities } from './tasks.activities';
import { effectKeyOf, withEffectKey } from './service-tasks/effects';
import { BpmnError, UnknownTaskTypeError, type ServiceTaskHandler } from './service-tasks/registry';
import type { ApprovalNotices } from './service-tasks/approval-notice';
import { createMachineActivities } from './machines';
import { createProjectionBatchActivity } from './projections.activities';
import { classifyProjectionErrors } from './projection-errors';
import { createProjectionFailureActivities } from './projection-failures';

export interface ActivityDeps {
  prisma: PrismaClient;
  /** 审管联动 service the 写入办理结果 task notifies; built by the worker from the server's linkage service. */
  approvalNotices: ApprovalNotices;
  /** Extra or replacement service-task handlers (tests, deployments). */
  serviceTasks?: Record<string, ServiceTaskHandler>;
}

/** Every side effect the workflows need, bound to their dependencies (cf. activities-dependency-injection). */
export function createActivities(deps: ActivityDeps) {
  const handlers = { ...serviceTaskHandlers, ...deps.serviceTasks };
  return {
    ...classifyProjectionErrors(createCaseActivities(deps.prisma)),
    ...classifyProjectionErrors(createTaskActivities(deps.prisma)),
    ...createEventCaseActivities(deps.prisma),
    ...createNotificationActivities(deps.prisma),
    ...classifyProjectionErrors(createEngineActivities(deps.prisma)),
    ...createProjectionFailureActivities(deps.prisma),
    ...createMachineActivities(deps.prisma),
    ...classifyProjectionErrors(createProjectionBatchActivity(deps.prisma)),

    async runServiceTask(args: { caseId: string; elementId: string; taskType: string; variables: Variables }): Promise<Variables> {
      const handler = handlers[args.taskType];
      if (!handler) throw ApplicationFailure.nonRetryable(new UnknownTaskTypeError(args.taskType).message, 'UnknownTaskType');
      const ctx = activityContext();
      const info = ctx?.info;
      const run = info?.workflowExecution?.runId;
      const key =
        info && run ? effectKeyOf({ caseId: args.caseId, elementId: args.elementId, runId: run, activityId: info.activityId }) : undefined;
      // Heartbeats let Temporal notice a killed worker within the heartbeat timeout, not the start-to-close one
      // (local activities have none: their workflow task times out instead).
      const beat = ctx && !ctx.info.isLocal ? setInterval(() => ctx.heartbeat(), 2_000) : undefined;
      try {
        const call = () => handler({ ...args, prisma: deps.prisma, approvalNotices: deps.approvalNotices });
        return await (key ? withEffectKey(key, call) : call());
      } catch (err) {
        // A BPMN error is a business outcome for the model's error boundary, not a failure to retry.
        if (err instanceof BpmnError)
          throw ApplicationFailure.create({
            message: err.message,
            type: 'BpmnError',
            nonRetryable: true,
            details: [err.code, err.variables],
          });
        throw err;
      } finally {
        clearInterval(beat);
      }
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;

/** The running activity, or undefined when a handler is called outside one (unit tests). */
function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}
