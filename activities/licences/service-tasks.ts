import { randomBytes } from 'node:crypto';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { caseRow, recordStep } from '../handling/context';
import { periodDeadline } from '../handling/deadlines';
import { itemFacts } from '../handling/materials';
import { issueLicence, resolveMaterials } from './registry';

/** `licence-resolve-materials` (免证办 / 一证通办): which materials the registry answers, which remain. */
export const licenceResolveMaterials: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const row = await caseRow(prisma, caseId);
  const facts = await itemFacts(prisma, row.itemCode, variables);
  const resolution = await resolveMaterials(prisma, row.applicantId, facts.materials, facts.oneLicence);
  const materialReduction = { required: facts.materials.length, resolved: resolution.resolved.length };
  await recordStep(prisma, { caseId, elementId, action: 'materials.resolved', after: { ...resolution, materialReduction } });
  return { resolvedMaterials: resolution.resolved, materialsToSubmit: resolution.toSubmit, materialReduction };
};

/**
 * `deliver-result` (结果送达): pickup at the window, an e-licence into the registry (visible at
 * GET /api/licences/mine), or free mail with a tracking number; due within art. 44's 10 working days of the decision.
 */
export const deliverResult: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const row = await caseRow(prisma, caseId);
  const result = (variables.result ?? {}) as { decision?: string; decidedAt?: string };
  const decision = result.decision ?? variables.decision;
  if (decision !== 'approved') return { delivery: { method: 'none', reason: '未准予许可，无证照送达 (not approved: nothing to deliver)' } };
  const method = (['pickup', 'e-licence', 'mail'] as const).find((m) => m === variables.deliveryMethod) ?? 'e-licence';
  const decidedAt = result.decidedAt ? new Date(result.decidedAt) : new Date();
  const dueAt = periodDeadline('delivery', decidedAt); // art. 44, in working days (art. 82)
  let licenceId: string | null = null;
  let licenceNumber: string | null = null;
  let trackingNumber: string | null = null;
  await recordStep(
    prisma,
    {
      caseId,
      elementId,
      action: 'result.delivery',
      after: { method, dueAt },
      variables: { licenceDueAt: dueAt.toISOString() },
      notice: {
        discriminator: 'delivery',
        notice: {
          title: `结果送达 (result delivery): ${row.title}`,
          body:
            method === 'pickup'
              ? '请携带身份证件到窗口领取办理结果 (collect your result at the window)'
              : method === 'mail'
                ? '办理结果已免费邮寄 (your result is sent by free mail)'
                : '电子证照已发放，可在“我的证照”查看 (your electronic licence is in your licence wallet)',
          needed: [],
          deadline: dueAt.toISOString(),
        },
      },
    },
    async (tx) => {
      // A retried task finds the delivery it already made and issues nothing twice.
      const existing = await tx.resultDelivery.findUnique({ where: { caseId } });
      if (existing) {
        licenceId = existing.licenceId;
        trackingNumber = existing.trackingNumber;
        licenceNumber = licenceId ? ((await tx.licence.findUnique({ where: { id: licenceId } }))?.number ?? null) : null;
        return;
      }
      if (method === 'e-licence' || method === 'mail') {
        const licence = await issueLicence(tx, {
          type: String(variables.licenceType ?? row.processKey),
          name: String(variables.licenceName ?? row.title),
          issuer: String(variables.issuer ?? '区数据和行政审批局'),
          holderId: row.applicantId,
          caseId,
          validUntil: typeof variables.licenceValidUntil === 'string' ? new Date(variables.licenceValidUntil) : null,
        });
        licenceId = licence.id;
        licenceNumber = licence.number;
      }
      if (method === 'mail') trackingNumber = `EMS${randomBytes(5).toString('hex').toUpperCase()}`;
      await tx.resultDelivery.upsert({
        where: { caseId },
        create: {
          caseId,
          method,
          status: method === 'pickup' ? 'awaiting-pickup' : method === 'mail' ? 'mailed' : 'issued',
          licenceId,
          trackingNumber,
          address: (variables.mailAddress as string | undefined) ?? null,
          decidedAt,
          dueAt,
          deliveredAt: method === 'e-licence' ? new Date() : null,
        },
        update: {},
      });
    },
  );
  return { delivery: { method, licenceNumber, trackingNumber, dueAt: dueAt.toISOString() }, licenceDueAt: dueAt.toISOString() };
};
