import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../server/data/generated/client';
import type { Variables } from '../workflows/engine/model';
import { createCaseActivities } from './cases.activities';
import { serviceTaskHandlers } from './service-tasks';
import { UnknownTaskTypeError, type ServiceTaskHandler } from './service-tasks/registry';
import { createMachineActivities } from './machines';

export interface ActivityDeps {
  prisma: PrismaClient;
  /** Extra or replacement service-task handlers (tests, deployments). */
  serviceTasks?: Record<string, ServiceTaskHandler>;
}

/** Every side effect the workflows need, bound to their dependencies (cf. activities-dependency-injection). */
export function createActivities(deps: ActivityDeps) {
  const handlers = { ...serviceTaskHandlers, ...deps.serviceTasks };
  return {
    ...createCaseActivities(deps.prisma),
    ...createMachineActivities(deps.prisma),

    async runServiceTask(args: { caseId: string; elementId: string; taskType: string; variables: Variables }): Promise<Variables> {
      const handler = handlers[args.taskType];
      if (!handler) throw ApplicationFailure.nonRetryable(new UnknownTaskTypeError(args.taskType).message, 'UnknownTaskType');
      return handler({ ...args, prisma: deps.prisma });
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
