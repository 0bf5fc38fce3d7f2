import type { PrismaClient } from '../data/generated/client';
import { conflict } from '../errors';
import { writeAudit } from '../../activities/audit';

/**
 * A projection incident (读模型偏离) is not a step of the process to retry: an operator repairs the
 * read model (or confirms the gap is harmless) and resolves it; the case's `diverged` mark clears
 * when no projection incident of the case is left open.
 */
export async function resolveProjectionIncident(
  prisma: PrismaClient,
  incident: { id: string; caseId: string },
  action: 'retry' | 'resolve',
  actor: string,
) {
  if (action === 'retry') {
    throw conflict(
      '读模型写入失败不能重试，请修正数据后标记为已解决 (a projection incident cannot be retried: repair the read model, then resolve it)',
      { incident: incident.id },
    );
  }
  return prisma.$transaction(async (tx) => {
    const closed = await tx.incident.update({
      where: { id: incident.id },
      data: { status: 'resolved', closedAt: new Date(), closedBy: actor, resolution: 'resolved' },
    });
    const open = await tx.incident.count({ where: { caseId: incident.caseId, kind: 'projection', status: 'open' } });
    if (open === 0) await tx.case.updateMany({ where: { id: incident.caseId }, data: { diverged: false } });
    await writeAudit(tx, {
      actor,
      action: 'incident.resolved',
      caseId: incident.caseId,
      details: { incidentId: incident.id, kind: 'projection' },
    });
    return closed;
  });
}
