import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';

export const WORKFLOWS_PATH = require.resolve('../workflows');

export interface WorkerSetup extends ActivityDeps {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Pre-built workflow bundle (tests build it once); otherwise bundled from WORKFLOWS_PATH. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** A Temporal worker hosting the case workflows and every activity. Several may share one queue. */
export async function createWorker(setup: WorkerSetup): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: setup.address });
  const worker = await Worker.create({
    connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    activities: createActivities(setup),
    ...(setup.workflowBundle ? { workflowBundle: setup.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
  return { worker, connection };
}
