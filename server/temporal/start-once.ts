import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';
import { isKeyed } from '../idempotency/context';

/**
 * Starts a workflow whose id a keyed request derived from its Idempotency-Key. A retry after a crash
 * (the first attempt started the workflow but never recorded its answer) finds the workflow already
 * there and attaches to it instead of failing or starting a second one. Ids are never reused, even
 * after the workflow closed.
 */
export async function startWorkflowOnce(temporal: Client, type: string, options: WorkflowStartOptions): Promise<WorkflowHandle> {
  try {
    return await temporal.workflow.start(type, { ...options, workflowIdReusePolicy: 'REJECT_DUPLICATE' });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError && isKeyed()) return temporal.workflow.getHandle(options.workflowId);
    throw err;
  }
}
