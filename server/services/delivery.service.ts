import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { conflict, notFound } from '../errors';
import type { CasesService } from './cases.service';
import { chooseDelivery, type DeliveryChoice } from './delivery-choice';

export function createDeliveryService(deps: { prisma: PrismaClient; cases: CasesService }) {
  const { prisma, cases } = deps;
  const find = async (caseId: string, actor: AuthenticatedActor) => {
    await cases.get(caseId, actor); // 404 for others' cases
    const row = await prisma.resultDelivery.findUnique({ where: { caseId } });
    if (!row) throw notFound('delivery', caseId);
    return row;
  };
  return {
    /** The applicant's 领取 / 邮寄 choice (see delivery-choice.ts). */
    choose: (caseId: string, choice: DeliveryChoice, actor: AuthenticatedActor) => chooseDelivery(prisma, caseId, choice, actor),
    /** How the result reaches the applicant: method, licence, tracking number, art. 44 deadline. */
    async get(caseId: string, actor: AuthenticatedActor) {
      const row = await find(caseId, actor);
      const licence = row.licenceId ? await prisma.licence.findUnique({ where: { id: row.licenceId } }) : null;
      return { ...row, licence, overdue: !row.deliveredAt && row.dueAt < new Date() };
    },

    /** The window hands the result over (pickup) or the post confirms delivery (mail). */
    async confirm(caseId: string, actor: AuthenticatedActor) {
      const row = await find(caseId, actor);
      if (row.deliveredAt) throw conflict(`办件 ${caseId} 的结果已送达 (already delivered)`, { deliveredAt: row.deliveredAt });
      return prisma.$transaction(async (tx) => {
        const updated = await tx.resultDelivery.update({ where: { caseId }, data: { status: 'delivered', deliveredAt: new Date() } });
        await tx.auditEvent.create({
          data: { actor: actor.id, action: 'result.delivered', caseId, before: { status: row.status }, after: { status: 'delivered' } },
        });
        return updated;
      });
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
