import { randomUUID } from 'node:crypto';
import { writeAudit } from '../../activities/audit';
import { enqueueCaseNotification } from '../../activities/notifications/outbox';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { AppError, conflict, notFound } from '../errors';
import type { DocumentsService } from './documents.service';
import type { IncidentsService } from './incidents.service';
import type { CorrectionItem, MaterialsService } from './materials.service';

/** Why the statutory clock stops while the applicant corrects (补正期间不计入办理时限). */
export const CORRECTION_PAUSE_REASON = '补正材料（《中华人民共和国行政许可法》第三十二条第一款第四项）';

export interface CorrectionRequest {
  items: { code: string; reason: string }[];
  note?: string;
}

/**
 * 补正 at the 受理 desk: one notice (一次性告知) listing every material to correct or hand in, issued
 * as the 补正材料一次性告知书, sent to the applicant, and the case's clock paused until they answer.
 * The 受理 task stays open: the window accepts once the materials are in.
 */
export function createCorrectionService(deps: {
  prisma: PrismaClient;
  materials: MaterialsService;
  documents: DocumentsService;
  incidents: IncidentsService;
}) {
  const { prisma, materials, documents, incidents } = deps;

  return {
    async request(caseId: string, actor: AuthenticatedActor, input: CorrectionRequest) {
      const row = await prisma.case.findUnique({ where: { id: caseId }, select: { id: true, title: true, status: true } });
      if (!row) throw notFound('case', caseId);
      if (row.status !== 'running') throw conflict(`办件 ${caseId} 已结束，不能再告知补正`, { caseId, status: row.status });
      const checklist = await materials.list(caseId, actor);
      const byCode = new Map(checklist.items.map((i) => [i.code, i]));
      const unknown = input.items.map((i, n) => ({ ...i, n })).filter((i) => !byCode.has(i.code));
      if (unknown.length) {
        throw new AppError(
          400,
          'VALIDATION_FAILED',
          `材料清单中没有：${unknown.map((u) => u.code).join('、')}`,
          unknown.map((u) => ({ path: `body.items.${u.n}.code`, field: `items.${u.n}.code`, message: `本办件的材料清单中没有 ${u.code}` })),
        );
      }
      const items: CorrectionItem[] = input.items.map((i) => ({ code: i.code, name: byCode.get(i.code)!.name, reason: i.reason.trim() }));
      const note = input.note?.trim() || null;

      const latest = await prisma.caseCorrection.findFirst({ where: { caseId }, orderBy: { requestedAt: 'desc' } });
      // A retried or repeated notice with the same content is the same notice: no second record or message.
      const same = latest && JSON.stringify(latest.items) === JSON.stringify(items) && (latest.note ?? null) === note;
      if (!same) {
        await prisma.$transaction(async (tx) => {
          const id = randomUUID();
          await tx.caseCorrection.create({ data: { id, caseId, items: items as never, note, requestedBy: actor.id } });
          for (const item of items) {
            const file = byCode.get(item.code)!.file;
            if (file && file.status !== 'needs-correction') {
              await tx.caseMaterial.update({
                where: { id: file.id },
                data: { status: 'needs-correction', reviewNote: item.reason, reviewedBy: actor.id, reviewedAt: new Date() },
              });
            }
          }
          await writeAudit(tx, {
            actor: actor.id,
            action: 'correction.requested',
            caseId,
            after: { items, ...(note ? { opinion: note } : {}) },
            details: { name: `一次性告知补正 ${items.length} 项：${items.map((i) => i.name).join('、')}` },
          });
          await enqueueCaseNotification(tx, {
            caseId,
            event: 'notice',
            discriminator: `correction:${id}`,
            notice: {
              title: `补正材料一次性告知：${row.title}`,
              body: `您的申请需要补正以下 ${items.length} 项材料，请一次补齐后重新提交，补正期间不计入办理时限。${note ? `说明：${note}` : ''}`,
              needed: items.map((i) => `${i.name}：${i.reason}`),
              deadline: null,
            },
          });
        });
      }
      const view = await incidents.clock(caseId, 'pause', actor, CORRECTION_PAUSE_REASON).catch((err: unknown) => {
        // Already paused (a second notice, or a retry): the clock simply stays stopped.
        if (err instanceof AppError && err.status === 409) return undefined;
        throw err;
      });
      const docs = await documents.list(caseId, actor);
      const notice = docs.items.find((d) => d.kind === 'correction-notice');
      return { caseId, items, note, clockPaused: true, notice, ...(view ? { pausedAt: view.clockPauses?.at(-1)?.from } : {}) };
    },
  };
}

export type CorrectionService = ReturnType<typeof createCorrectionService>;
