import type { PrismaClient } from '../server/data/generated/client';
import { writeAudit } from './audit';
import { storableText } from './projection-errors';

/**
 * A projection the workflow could not write (读模型偏离): an open incident in 故障处理 and the case
 * marked as diverged, so the read model never claims to be in step with the workflow when it is not.
 */
export function createProjectionFailureActivities(prisma: PrismaClient) {
  return {
    async recordProjectionFailure(args: {
      caseId: string;
      incidentId: string;
      activity: string;
      elementId?: string;
      message: string;
      at: string;
    }): Promise<void> {
      const message = storableText(`读模型未能更新 (read model not updated: ${args.activity}): ${args.message}`).slice(0, 2000);
      await prisma.$transaction(async (tx) => {
        if (await tx.incident.findUnique({ where: { id: args.incidentId } })) return;
        await tx.incident.create({
          data: {
            id: args.incidentId,
            caseId: args.caseId,
            elementId: storableText(args.elementId ?? args.activity),
            tokenId: '',
            kind: 'projection',
            message,
            status: 'open',
            raisedAt: new Date(args.at),
          },
        });
        await tx.case.updateMany({ where: { id: args.caseId }, data: { diverged: true } });
        await writeAudit(tx, {
          actor: 'system',
          action: 'incident.raised',
          caseId: args.caseId,
          details: { kind: 'projection', activity: args.activity, message },
        });
      });
    },
  };
}
