import { createHash, randomUUID } from 'node:crypto';
import { DEMO_LICENCE_HOLDINGS } from '../../activities/catalog/materials';
import { writeAudit } from '../../activities/audit';
import { itemFacts } from '../../activities/handling/materials';
import { enqueueCaseNotification } from '../../activities/notifications/outbox';
import type { Variables } from '../../workflows/engine/model';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { buildChecklist, type MaterialFile } from '../../activities/domain/materials/checklist';
import { materialsConfig } from '../materials/config';
import { CONTENT_TYPES, sniffKind } from '../materials/sniff';
import { isStaff } from './cases.service';

/** The code of an extra material an item case may carry beyond its checklist (其他补充材料). */
export const OTHER_MATERIAL = 'OTHER';

export interface UploadedFile {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
  size: number;
}

/** Every column but the bytes: lists and answers never carry file content. */
const FILE_FIELDS = {
  id: true,
  code: true,
  name: true,
  fileName: true,
  contentType: true,
  size: true,
  sha256: true,
  status: true,
  reviewNote: true,
  reviewedBy: true,
  reviewedAt: true,
  uploadedBy: true,
  uploadedAt: true,
} as const;

export interface CorrectionItem {
  code: string;
  name: string;
  reason: string;
}

export const payloadTooLarge = (limit: number) =>
  new AppError(413, 'PAYLOAD_TOO_LARGE', `文件超过大小上限 ${Math.round(limit / 1024 / 1024)} MB (file larger than the limit)`, {
    field: 'file',
    limitBytes: limit,
  });

/**
 * Application materials (申请材料) of a case: upload, the checklist against the item's required
 * materials, download and review with the one-time correction notice (一次性告知).
 */
export function createMaterialsService(deps: { prisma: PrismaClient; licences?: (applicantId: string) => Promise<ReadonlySet<string>> }) {
  const { prisma } = deps;
  // The demo 电子证照库 plus licences issued by earlier cases (the registry).
  const licences =
    deps.licences ??
    (async (applicantId: string) => {
      const rows = await prisma.licence.findMany({ where: { holderId: applicantId, status: 'valid' }, select: { type: true } });
      return new Set<string>([...DEMO_LICENCE_HOLDINGS, ...rows.map((r) => r.type)]);
    });

  /** The case, or 404 for applicants asking about someone else's (their cases only exist for them). */
  async function caseFor(caseId: string, actor: AuthenticatedActor) {
    const row = await prisma.case.findUnique({ where: { id: caseId } });
    if (!row || (!isStaff(actor) && row.applicantId !== actor.id)) throw notFound('case', caseId);
    return row;
  }

  function ensureOpen(row: { id: string; status: string }) {
    if (row.status !== 'running')
      throw conflict(`办件 ${row.id} 已结束，不能再提交或审查材料 (the case is closed)`, { caseId: row.id, status: row.status });
  }

  async function checklistOf(row: { id: string; itemCode: string | null; applicantId: string; variables: unknown }) {
    const variables = (row.variables ?? {}) as Variables;
    const [facts, files, held, corrections] = await Promise.all([
      itemFacts(prisma, row.itemCode, variables),
      prisma.caseMaterial.findMany({ where: { caseId: row.id }, select: FILE_FIELDS, orderBy: { uploadedAt: 'desc' } }),
      licences(row.applicantId),
      prisma.caseCorrection.findMany({ where: { caseId: row.id }, orderBy: { requestedAt: 'asc' } }),
    ]);
    // The latest notice's reason per material; a file handed in since replaces the request.
    const asked = new Map<string, string>();
    for (const c of corrections) for (const i of c.items as unknown as CorrectionItem[]) asked.set(i.code, i.reason);
    return buildChecklist({ required: facts.materials, files, variables, licences: held, asked });
  }

  const service = {
    async upload(
      caseId: string,
      actor: AuthenticatedActor,
      input: { code: string; name?: string },
      file: UploadedFile | undefined,
    ): Promise<MaterialFile> {
      const row = await caseFor(caseId, actor);
      ensureOpen(row);
      if (!file) throw badRequest('请选择要上传的文件 (field `file` is required)', { field: 'file' });
      const cfg = materialsConfig();
      if (file.size > cfg.maxFileBytes) throw payloadTooLarge(cfg.maxFileBytes);
      if (file.size === 0) throw badRequest('文件为空 (the file is empty)', { field: 'file' });
      const fileName = file.originalname.trim() || 'file';
      if (fileName.length > cfg.maxFileNameLength)
        throw badRequest(`文件名过长 (file name longer than ${cfg.maxFileNameLength} characters)`, { field: 'file' });

      const facts = await itemFacts(prisma, row.itemCode, (row.variables ?? {}) as Variables);
      const required = facts.materials.find((m) => m.code === input.code);
      if (facts.materials.length > 0 && !required && input.code !== OTHER_MATERIAL) {
        const codes = facts.materials.map((m) => m.code);
        throw badRequest(
          `材料编码 ${input.code} 不是该事项的申请材料 (not a material of this item)；可用编码：${[...codes, OTHER_MATERIAL].join('、')}`,
          {
            field: 'code',
            code: input.code,
            codes: [...facts.materials.map((m) => ({ code: m.code, name: m.name })), { code: OTHER_MATERIAL, name: '其他补充材料' }],
          },
        );
      }

      const kind = sniffKind(file.buffer);
      if (!kind || !cfg.allowedKinds.includes(kind)) {
        throw badRequest(
          `不支持的文件类型：仅接受 ${cfg.allowedKinds.map((k) => k.toUpperCase()).join('、')} (file type not allowed; checked by content)`,
          {
            field: 'file',
            detected: kind ?? null,
            declared: file.mimetype,
            allowed: cfg.allowedKinds,
          },
        );
      }

      const name = required?.name ?? input.name ?? (input.code === OTHER_MATERIAL ? '其他补充材料' : input.code);
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      return prisma.$transaction(async (tx) => {
        const previous = await tx.caseMaterial.findMany({
          where: { caseId, code: input.code, status: { not: 'superseded' } },
          select: { id: true, status: true },
        });
        if (previous.length)
          await tx.caseMaterial.updateMany({ where: { id: { in: previous.map((p) => p.id) } }, data: { status: 'superseded' } });
        const created = await tx.caseMaterial.create({
          data: {
            id: randomUUID(),
            caseId,
            code: input.code,
            name,
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
          caseId,
          before: previous.length ? { superseded: previous } : undefined,
          after: { id: created.id, code: created.code, fileName, size: created.size, sha256, contentType: created.contentType },
          details: { name: `${name}（${fileName}）` },
        });
        return created;
      });
    },

    /** The checklist: every required material of the item merged with the case's state, then extra uploads. */
    async list(caseId: string, actor: AuthenticatedActor) {
      const row = await caseFor(caseId, actor);
      return { caseId, caseStatus: row.status, ...(await checklistOf(row)) };
    },

    async content(caseId: string, materialId: string, actor: AuthenticatedActor) {
      await caseFor(caseId, actor);
      const row = await prisma.caseMaterial.findFirst({ where: { id: materialId, caseId } });
      if (!row) throw notFound('material', materialId);
      return row;
    },

    async review(
      caseId: string,
      materialId: string,
      actor: AuthenticatedActor,
      input: { verdict: 'accepted' | 'needs-correction'; note?: string },
    ) {
      const row = await caseFor(caseId, actor);
      ensureOpen(row);
      const material = await prisma.caseMaterial.findFirst({ where: { id: materialId, caseId }, select: FILE_FIELDS });
      if (!material) throw notFound('material', materialId);
      if (material.status === 'superseded')
        throw conflict('该文件已被重新上传的文件取代，请审查最新文件 (superseded: review the latest file)', {
          materialId,
          status: material.status,
        });
      const note = input.note?.trim() || null;
      if (input.verdict === 'needs-correction' && !note)
        throw badRequest('需补正须写明原因，一次性告知申请人 (a correction needs the reason)', { field: 'note' });
      return prisma.$transaction(async (tx) => {
        const updated = await tx.caseMaterial.update({
          where: { id: materialId },
          data: { status: input.verdict, reviewNote: note, reviewedBy: actor.id, reviewedAt: new Date() },
          select: FILE_FIELDS,
        });
        await writeAudit(tx, {
          actor: actor.id,
          action: 'material.reviewed',
          caseId,
          before: { status: material.status, reviewNote: material.reviewNote },
          after: { id: materialId, code: material.code, status: input.verdict, reviewNote: note, ...(note ? { opinion: note } : {}) },
          details: { name: `${material.name}：${input.verdict === 'accepted' ? '通过' : '需补正'}` },
        });
        if (input.verdict === 'needs-correction') {
          // One notice per file asked again (一次性告知): a repeated review of the same file does not notify twice.
          await enqueueCaseNotification(tx, {
            caseId,
            event: 'notice',
            discriminator: `material-correction:${materialId}`,
            notice: {
              title: `材料补正告知：${row.title}`,
              body: `您提交的「${material.name}」需要补正：${note}。请在办件进度页重新上传后继续办理。`,
              needed: [`${material.name}：${note}`],
              deadline: null,
            },
          });
        }
        return updated;
      });
    },

    /**
     * What the applicant still has to do about materials, for the progress view: the process's own
     * list less what has since been handed in, plus every file staff asked to be corrected.
     */
    async neededFromApplicant(caseId: string, fromProcess: unknown[]) {
      const row = await prisma.case.findUnique({
        where: { id: caseId },
        select: { id: true, itemCode: true, applicantId: true, variables: true },
      });
      if (!row) return fromProcess;
      const checklist = await checklistOf(row);
      const handedIn = new Set(checklist.items.filter((i) => i.state === 'submitted' || i.state === 'accepted').map((i) => i.name));
      const corrections = new Set(checklist.neededFromApplicant.map((n) => n.name));
      const kept = fromProcess.filter((n) => !(typeof n === 'string' && (handedIn.has(n) || corrections.has(n))));
      return [...kept, ...checklist.neededFromApplicant];
    },
  };
  return service;
}

export type MaterialsService = ReturnType<typeof createMaterialsService>;
