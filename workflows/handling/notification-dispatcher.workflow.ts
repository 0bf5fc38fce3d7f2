import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const { dispatchNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const ITERATIONS_BEFORE_CONTINUE = 200;

/**
 * 免打扰 dispatcher: one long-lived workflow per task queue drains the notification outbox. The
 * outbox is the durable state; this loop only decides when to look again (the next due row, or the
 * poll interval), and continues as new before its history grows.
 */
export async function notificationDispatcherWorkflow(): Promise<void> {
  for (let i = 0; i < ITERATIONS_BEFORE_CONTINUE; i++) {
    const r = await dispatchNotifications();
    const pollMs = r.pollSeconds * 1000;
    const untilNext = r.nextDueAt ? new Date(r.nextDueAt).getTime() - Date.now() : pollMs;
    await sleep(Math.max(200, Math.min(pollMs, untilNext)));
  }
  await continueAsNew<typeof notificationDispatcherWorkflow>();
}
