import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/**
 * Read-model projections: quick, retried a bounded number of times (about half an hour), never for a
 * data error; what still fails becomes a projection incident (projection-guard).
 */
export const projection = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 40 },
});

/**
 * Batched read-model projections as a local activity: run by this worker inside the workflow task,
 * recorded as one marker. A hung attempt is cut off after 15 s and retried (each projection is idempotent).
 */
export const localProjection = proxyLocalActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  // Bounded like the projection activities (about 30 minutes): then a projection incident, not a silent wedge.
  retry: { initialInterval: '200 milliseconds', maximumInterval: '30 seconds', maximumAttempts: 70 },
});

/**
 * Service-task activities, with the retry count the BPMN element declares. They heartbeat every 2 s,
 * so a killed worker is noticed in 10 s; a hung attempt is cut off after 30 s. A repeated attempt
 * does not repeat the effect (see activities/service-tasks/effects.ts).
 */
export function serviceActivities(retries: number) {
  return proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    heartbeatTimeout: '10 seconds',
    retry: { maximumAttempts: Math.max(1, retries), initialInterval: '1 second', backoffCoefficient: 2 },
  });
}

/**
 * Service tasks of cases started since batched projections: local activities run by this worker
 * inside the workflow task (one history marker, no activity-task round trip). A crashed worker
 * is noticed when the workflow task times out (10 s) and another worker runs the task again; an
 * attempt that hangs is cut off after 30 s. The effect is not repeated (service-tasks/effects.ts).
 */
export function localServiceActivities(retries: number) {
  return proxyLocalActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: Math.max(1, retries), initialInterval: '1 second', backoffCoefficient: 2 },
  });
}
