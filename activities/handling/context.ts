import { mergeCaseVariables } from '../case-variables';
import type { Prisma, PrismaClient } from '../../server/data/generated/client';
import type { Variables } from '../../workflows/engine/model';
import { writeAudit } from '../audit';
import { claimEffect } from '../service-tasks/effects';
import { enqueueCaseNotification, type CaseNotification } from '../notifications/outbox';

/** The case row a handling task works on (applicant, item). */
export async function caseRow(prisma: PrismaClient, caseId: string) {
  const row = await prisma.case.findUnique({ where: { id: caseId } });
  if (!row) throw new Error(`办件 ${caseId} 不存在 (case not found)`);
  return row;
}

/**
 * Records a handling step: its audit record and, when it concerns the applicant, the notice, both in
 * one transaction (the outbox rule). `notice.discriminator` keeps a retried task from notifying twice.
 */
export async function recordStep(
  prisma: PrismaClient,
  step: {
    caseId: string;
    elementId: string;
    action: string;
    after: unknown;
    notice?: Omit<CaseNotification, 'caseId' | 'event'>;
    variables?: Variables;
  },
  extra?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    // The same task's repeated attempt writes no second record, notice or variables (`extra` keeps its own guard).
    const first = await claimEffect(tx, { caseId: step.caseId, elementId: step.elementId, what: step.action });
    if (extra) await extra(tx);
    if (!first) return;
    // Deadlines and needed materials this step set: the read model (and later notices) show them at once.
    if (step.variables) {
      await mergeCaseVariables(tx, step.caseId, step.variables);
    }
    await writeAudit(tx, { actor: 'system', action: step.action, caseId: step.caseId, elementId: step.elementId, after: step.after });
    if (step.notice)
      await enqueueCaseNotification(tx, {
        caseId: step.caseId,
        event: 'notice',
        discriminator: step.notice.discriminator ?? `${step.action}:${step.elementId}`,
        ...step.notice,
      });
  });
}
