import { createHash, randomUUID } from 'node:crypto';
import { writeAudit } from '../../activities/audit';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { badRequest, conflict, notFound } from '../errors';
import { materialsConfig } from '../materials/config';
import { CONTENT_TYPES, sniffKind } from '../materials/sniff';
import { isStaff } from './cases.service';
import { payloadTooLarge, type UploadedFile } from './materials.service';

interface EventMaterial {
  code: string;
  name: string;
  core: boolean;
  itemCodes?: string[];
  resolution: string;
  applicantSubmits?: boolean;
}
interface EventItem {
  itemCode: string;
  caseId: string;
  name: string;
}

const FILE_FIELDS = {
  id: true,
  caseId: true,
  code: true,
  name: true,
  fileName: true,
  size: true,
  status: true,
  reviewNote: true,
  uploadedAt: true,
} as const;

/**
 * The merged material set of a 一件事 (one upload serves every item that asks for it): files go to
 * each started item case that needs the material, or to the lead item case (牵头部门) while the
 * others still wait for it, so each department sees them on its own case.
 */
export function createEventMaterialsService(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;

  async function eventFor(id: string, actor: AuthenticatedActor) {
    const row = await prisma.eventCase.findUnique({ where: { id } });
    if (!row || (!isStaff(actor) && row.applicantId !== actor.id)) throw notFound('eventCase', id);
    return { row, materials: row.materials as unknown as EventMaterial[], items: row.items as unknown as EventItem[] };
  }

  async function itemCases(items: EventItem[]) {
    const rows = await prisma.case.findMany({
      where: { id: { in: items.map((i) => i.caseId) } },
      select: { id: true, status: true, itemCode: true },
    });
    return items.map((i) => ({ ...i, row: rows.find((r) => r.id === i.caseId) }));
  }

  return {
    /** Every material the applicant hands in for this 一件事, with its latest file and review. */
    async list(id: string, actor: AuthenticatedActor) {
      const { row, materials, items } = await eventFor(id, actor);
      const files = await prisma.caseMaterial.findMany({
        where: { caseId: { in: items.map((i) => i.caseId) }, status: { not: 'superseded' } },
        select: FILE_FIELDS,
        orderBy: { uploadedAt: 'desc' },
      });
      const entries = materials
        .filter((m) => m.applicantSubmits || m.resolution === 'missing' || m.resolution === 'submitted' || m.resolution === 'deferred')
        .map((m) => {
          const mine = files.filter((f) => f.code === m.code);
          const corrected = mine.find((f) => f.status === 'needs-correction');
          const file = corrected ?? mine[0];
          const state = corrected ? 'needs-correction' : file ? file.status : m.resolution === 'deferred' ? 'deferred' : 'missing';
          return {
            code: m.code,
            name: m.name,
            core: m.core,
            resolution: m.resolution,
            state,
            file: file
              ? {
                  id: file.id,
                  caseId: file.caseId,
                  fileName: file.fileName,
                  size: file.size,
                  uploadedAt: file.uploadedAt,
                  reviewNote: file.reviewNote,
                }
              : null,
          };
        });
      return {
        eventCaseId: row.id,
        status: row.status,
        items: entries,
        missing: entries.filter((e) => e.state === 'missing' || e.state === 'deferred' || e.state === 'needs-correction').length,
      };
    },

    async upload(id: string, actor: AuthenticatedActor, code: string, file: UploadedFile | undefined) {
      const { row, materials, items } = await eventFor(id, actor);
      if (row.status !== 'running') throw conflict('该一件事已办结，不能再提交材料', { eventCaseId: id, status: row.status });
      const material = materials.find((m) => m.code === code);
      if (!material)
        throw badRequest('这份材料不在本一件事的材料清单中', {
          field: 'code',
          code,
          codes: materials.map((m) => ({ code: m.code, name: m.name })),
        });
      if (!file) throw badRequest('请选择要上传的文件', { field: 'file' });
      const cfg = materialsConfig();
      if (file.size > cfg.maxFileBytes) throw payloadTooLarge(cfg.maxFileBytes);
      if (file.size === 0) throw badRequest('文件是空的，请重新选择', { field: 'file' });
      const kind = sniffKind(file.buffer);
      if (!kind || !cfg.allowedKinds.includes(kind))
        throw badRequest(`文件格式不支持，请上传 ${cfg.allowedKinds.map((k) => k.toUpperCase()).join('、')} 文件`, {
          field: 'file',
          detected: kind ?? null,
          allowed: cfg.allowedKinds,
        });

      const started = (await itemCases(items)).filter((i) => i.row?.status === 'running');
      const needing = started.filter((i) => material.itemCodes?.includes(i.itemCode));
      const targets = needing.length ? needing : started.slice(0, 1);
      if (!targets.length) throw conflict('各事项暂未开始办理，请稍后再上传', { eventCaseId: id });
      const fileName = file.originalname.trim().slice(0, 200) || `${material.name}.${kind}`;
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      return prisma.$transaction(async (tx) => {
        const created = [];
        for (const t of targets) {
          await tx.caseMaterial.updateMany({
            where: { caseId: t.caseId, code, status: { not: 'superseded' } },
            data: { status: 'superseded' },
          });
          const c = await tx.caseMaterial.create({
            data: {
              id: randomUUID(),
              caseId: t.caseId,
              code,
              name: material.name,
              fileName,
              contentType: CONTENT_TYPES[kind],
              size: file.size,
              sha256,
              content: new Uint8Array(file.buffer),
              status: 'submitted',
              uploadedBy: actor.id,
            },
            select: FILE_FIELDS,
          });
          await writeAudit(tx, {
            actor: actor.id,
            action: 'material.uploaded',
            caseId: t.caseId,
            after: { id: c.id, code, fileName, size: file.size, sha256, eventCaseId: id },
            details: { name: `${material.name}（${fileName}）` },
          });
          created.push(c);
        }
        return { code, name: material.name, fileName, cases: created.map((c) => c.caseId) };
      });
    },
  };
}

export type EventMaterialsService = ReturnType<typeof createEventMaterialsService>;
