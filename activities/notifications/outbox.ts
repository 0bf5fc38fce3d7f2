import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../server/data/generated/client';
import type { CompiledProcess, Variables } from '../../workflows/engine/model';
import { handlingConfig } from '../handling/config';
import { CHANNELS, PUSH_CHANNELS, type Channel } from './channels/types';
import { composeMessage, type CaseEvent, type ComposeInput } from './compose';
import { nextSendableAt } from './quiet-hours';

type Tx = Prisma.TransactionClient;

/** Channels on unless the applicant opted out; webhook only where the applicant registered a URL. */
const DEFAULT_ON: Channel[] = ['in-app', 'sms', 'wechat'];

export interface CaseNotification {
  caseId: string;
  event: CaseEvent;
  /** Distinguishes several notices of one event in one case (task id, notice kind …). */
  discriminator?: string;
  activeElementIds?: string[];
  stepName?: string;
  variables?: Variables;
  notice?: ComposeInput['notice'];
}

/**
 * Writes the applicant's notifications for a case step into the outbox, inside the caller's
 * transaction, so a notification exists exactly when the change it reports was committed. The
 * idempotency key (case, event, discriminator, channel) makes a retried projection a no-op.
 */
export async function enqueueCaseNotification(tx: Tx, n: CaseNotification): Promise<number> {
  const row = await tx.case.findUnique({ where: { id: n.caseId }, include: { definition: { select: { graph: true } } } });
  if (!row) return 0;
  const variables = { ...((row.variables ?? {}) as Variables), ...(n.variables ?? {}) };
  const message = composeMessage({
    event: n.event,
    caseId: row.id,
    caseTitle: row.title,
    process: row.definition?.graph as unknown as CompiledProcess | undefined,
    activeElementIds: n.activeElementIds ?? [],
    variables,
    applicantId: row.applicantId,
    stepName: n.stepName,
    notice: n.notice,
  });
  const prefs = await tx.notificationPreference.findMany({ where: { applicantId: row.applicantId } });
  const pref = (c: Channel) => prefs.find((p) => p.channel === c);
  const channels = CHANNELS.filter((c) => (pref(c) ? pref(c)!.enabled && (c !== 'webhook' || !!pref(c)!.address) : DEFAULT_ON.includes(c)));
  const now = new Date();
  const quiet = handlingConfig().quietHours;
  const result = await tx.notificationOutbox.createMany({
    data: channels.map((channel) => ({
      id: randomUUID(),
      idempotencyKey: [n.caseId, n.event, n.discriminator ?? '', channel].join(':'),
      caseId: n.caseId,
      applicantId: row.applicantId,
      channel,
      event: n.event,
      payload: { ...message, address: pref(channel)?.address ?? null } as object,
      nextAttemptAt: PUSH_CHANNELS.includes(channel) ? nextSendableAt(now, quiet) : now,
    })),
    skipDuplicates: true,
  });
  return result.count;
}
