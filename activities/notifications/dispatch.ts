import type { PrismaClient } from '../../server/data/generated/client';
import { handlingConfig } from '../handling/config';
import { channelAdapters, PUSH_CHANNELS, type Channel, type ChannelAdapter } from './channels';
import type { NotificationMessage } from './compose';
import { nextSendableAt } from './quiet-hours';

const BATCH = 50;

export interface DispatchResult {
  sent: number;
  retried: number;
  dead: number;
  /** When the next pending row is due (ISO), if any. */
  nextDueAt: string | null;
}

/**
 * Delivers due outbox rows. A failure never touches the case: the row is rescheduled with
 * exponential backoff (and out of quiet hours), and marked `dead` after the configured attempts.
 */
export async function dispatchDue(
  prisma: PrismaClient,
  adapters: Record<Channel, ChannelAdapter> = channelAdapters,
  now = new Date(),
): Promise<DispatchResult> {
  const cfg = handlingConfig();
  const due = await prisma.notificationOutbox.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: 'asc' },
    take: BATCH,
  });
  const result: DispatchResult = { sent: 0, retried: 0, dead: 0, nextDueAt: null };
  for (const row of due) {
    const channel = row.channel as Channel;
    const payload = row.payload as unknown as NotificationMessage & { address: string | null };
    const attempts = row.attempts + 1;
    try {
      const { receipt } = await adapters[channel]({
        channel,
        applicantId: row.applicantId,
        address: payload.address,
        message: payload,
        idempotencyKey: row.idempotencyKey,
      });
      // Guarded by status so two dispatchers never both mark (or both send twice and record twice).
      await prisma.notificationOutbox.updateMany({
        where: { id: row.id, status: 'pending' },
        data: { status: 'sent', attempts, sentAt: new Date(), lastError: receipt },
      });
      result.sent++;
    } catch (err) {
      const message = (err as Error).message;
      if (attempts >= cfg.webhookMaxAttempts) {
        await prisma.notificationOutbox.update({ where: { id: row.id }, data: { status: 'dead', attempts, lastError: message } });
        result.dead++;
        continue;
      }
      const b = cfg.webhookBackoffSeconds;
      const delay = Math.min(b.max, b.initial * b.factor ** (attempts - 1)) * 1000;
      let next = new Date(Date.now() + delay);
      if (PUSH_CHANNELS.includes(channel)) next = nextSendableAt(next, cfg.quietHours);
      await prisma.notificationOutbox.update({ where: { id: row.id }, data: { attempts, lastError: message, nextAttemptAt: next } });
      result.retried++;
    }
  }
  const upcoming = await prisma.notificationOutbox.findFirst({
    where: { status: 'pending' },
    orderBy: { nextAttemptAt: 'asc' },
    select: { nextAttemptAt: true },
  });
  result.nextDueAt = upcoming?.nextAttemptAt.toISOString() ?? null;
  return result;
}
