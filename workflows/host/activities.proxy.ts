import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/**
 * Read-model projections: quick, retried a bounded number of times (about half an hour), never for a
 * data error; what still fails becomes a projection incident (projection-guard).
 */
export const projection = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 40 },
});

/** Service-task activities, with the retry count the BPMN element declares. */
export function serviceActivities(retries: number) {
  return proxyActivities<Activities>({
    startToCloseTimeout: '5 minutes',
    retry: { maximumAttempts: Math.max(1, retries), initialInterval: '1 second', backoffCoefficient: 2 },
  });
}
