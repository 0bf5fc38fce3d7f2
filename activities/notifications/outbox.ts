import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../server/data/generated/client';
import type { CompiledProcess, Variables } from '../../workflows/engine/model';
import { handlingConfig } from '../handling/config';
import { CHANNELS, PUSH_CHANNELS, type Channel } from './channels/types';
import { composeMessage, type CaseEvent, type ComposeInput, type NotificationMessage } from './compose';
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
  return fanOut(tx, {
    applicantId: row.applicantId,
    caseId: n.caseId,
    event: n.event,
    key: [n.caseId, n.event, n.discriminator ?? ''],
    message,
  });
}

/**
 * A notice to a person outside any case (帮办代办, 办不成事, 12345 replies …): the same channels,
 * opt-outs and quiet hours as case notifications. `key` makes a retried activity a no-op.
 */
export async function enqueueUserNotification(
  tx: Tx,
  n: { userId: string; key: string[]; title: string; body: string; reference: string },
): Promise<number> {
  const message: NotificationMessage = {
    title: n.title,
    happened: n.body,
    next: [],
    needed: [],
    deadline: null,
    text: [n.body, `编号 (reference): ${n.reference}`].join('\n'),
  };
  return fanOut(tx, { applicantId: n.userId, caseId: null, event: 'notice', key: n.key, message });
}

/** One outbox row per channel the person has not opted out of; push channels wait for the end of quiet hours. */
async function fanOut(
  tx: Tx,
  n: { applicantId: string; caseId: string | null; event: string; key: string[]; message: NotificationMessage },
): Promise<number> {
  const prefs = await tx.notificationPreference.findMany({ where: { applicantId: n.applicantId } });
  const pref = (c: Channel) => prefs.find((p) => p.channel === c);
  const channels = CHANNELS.filter((c) => (pref(c) ? pref(c)!.enabled && (c !== 'webhook' || !!pref(c)!.address) : DEFAULT_ON.includes(c)));
  const now = new Date();
  const quiet = handlingConfig().quietHours;
  const result = await tx.notificationOutbox.createMany({
    data: channels.map((channel) => ({
      id: randomUUID(),
      idempotencyKey: [...n.key, channel].join(':'),
      caseId: n.caseId,
      applicantId: n.applicantId,
      channel,
      event: n.event,
      payload: { ...n.message, address: pref(channel)?.address ?? null } as object,
      nextAttemptAt: PUSH_CHANNELS.includes(channel) ? nextSendableAt(now, quiet) : now,
    })),
    skipDuplicates: true,
  });
  return result.count;
}
