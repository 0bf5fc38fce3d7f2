import { ActivityFailure, ApplicationFailure, isCancellation, patched, proxyActivities, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../../activities';

// Recording the failure is one small insert of our own text: retried until the database answers.
const failures = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * A projection that failed for good (a data error, or its bounded retries spent) becomes an open
 * incident of kind `projection` in 故障处理 and marks the case as diverged; the case itself and the
 * projections after it go on, instead of the whole chain stopping silently.
 */
export function reportProjectionFailure(caseId: string, fn: () => Promise<unknown>): () => Promise<unknown> {
  return async () => {
    try {
      return await fn();
    } catch (err) {
      // A local activity's failure may reach the workflow as the activity's own ApplicationFailure.
      const failed = err instanceof ActivityFailure || err instanceof ApplicationFailure;
      if (isCancellation(err) || !failed || !patched('projection-failure-incident')) throw err;
      await failures.recordProjectionFailure({
        caseId,
        incidentId: `${caseId}-projection-${uuid4()}`,
        activity: err instanceof ActivityFailure ? err.activityType : 'applyProjections',
        message: err.cause?.message ?? err.message,
        at: new Date().toISOString(),
      });
      return undefined;
    }
  };
}
