import type { PrismaClient } from '../../server/data/generated/client';
import { handlingConfig } from '../handling/config';
import { dispatchDue, type DispatchResult } from './dispatch';

/** Activities of the notification dispatcher workflow. */
export function createNotificationActivities(prisma: PrismaClient) {
  return {
    async dispatchNotifications(): Promise<DispatchResult & { pollSeconds: number }> {
      return { ...(await dispatchDue(prisma)), pollSeconds: handlingConfig().dispatcherPollSeconds };
    },
  };
}
export { enqueueCaseNotification } from './outbox';
