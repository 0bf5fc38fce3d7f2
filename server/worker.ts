import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import type { ApprovalNotices } from '../activities/service-tasks/approval-notice';
import type { PrismaClient } from './data/generated/client';
import { createLinkageService } from './services/linkage.service';
import { createMachineClient } from './services/machines/machine-client';

export const WORKFLOWS_PATH = require.resolve('../workflows');

export interface WorkerSetup extends Omit<ActivityDeps, 'approvalNotices'> {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Pre-built workflow bundle (tests build it once); otherwise bundled from WORKFLOWS_PATH. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** The 审管联动 service as the activities see it: notices start as rule machines on the worker's own queue. */
export function approvalNoticesFor(deps: { temporal: Client; taskQueue: string; prisma: PrismaClient }): ApprovalNotices {
  return createLinkageService({ prisma: deps.prisma, machines: createMachineClient(deps) });
}

/** A Temporal worker hosting the case workflows and every activity. Several may share one queue. */
export async function createWorker(setup: WorkerSetup): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: setup.address });
  // The same client an activity's Context would give: the worker's connection and namespace.
  const temporal = new Client({ connection, namespace: setup.namespace });
  const approvalNotices = approvalNoticesFor({ temporal, taskQueue: setup.taskQueue, prisma: setup.prisma });
  const worker = await Worker.create({
    connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    activities: createActivities({ ...setup, approvalNotices }),
    ...(setup.workflowBundle ? { workflowBundle: setup.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
  return { worker, connection };
}
