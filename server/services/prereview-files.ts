import { createHash, randomUUID } from 'node:crypto';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { badRequest, notFound } from '../errors';
import { materialsConfig } from '../materials/config';
import { CONTENT_TYPES, sniffKind } from '../materials/sniff';
import { payloadTooLarge, type UploadedFile } from './materials.service';

/** A pre-review material that points at a file stored here (other refs name files kept elsewhere, e.g. by an agent's system). */
export const STORED_FILE_PREFIX = 'prereview-file:';
export const storedFileId = (fileRef: string): string | undefined =>
  fileRef.startsWith(STORED_FILE_PREFIX) ? fileRef.slice(STORED_FILE_PREFIX.length) : undefined;

/** What a stored file is, without its bytes. */
export const PREREVIEW_FILE_FIELDS = {
  id: true,
  ownerId: true,
  code: true,
  fileName: true,
  contentType: true,
  size: true,
  sha256: true,
  uploadedAt: true,
} as const;

/**
 * Files handed in for 资料预审 (before any case exists): the same checks as a case's materials
 * (PDF/JPG/PNG/OFD by content, size limit), kept under the uploader's name.
 */
export function createPrereviewFiles(prisma: PrismaClient) {
  return {
    async upload(actor: AuthenticatedActor, code: string, file: UploadedFile | undefined) {
      if (!file) throw badRequest('请选择要上传的文件', { field: 'file' });
      const cfg = materialsConfig();
      if (file.size > cfg.maxFileBytes) throw payloadTooLarge(cfg.maxFileBytes);
      if (file.size === 0) throw badRequest('文件为空，请重新选择', { field: 'file' });
      const fileName = file.originalname.trim() || 'file';
      if (fileName.length > cfg.maxFileNameLength)
        throw badRequest(`文件名过长（不超过 ${cfg.maxFileNameLength} 个字符）`, { field: 'file' });
      const kind = sniffKind(file.buffer);
      if (!kind || !cfg.allowedKinds.includes(kind)) {
        throw badRequest(`不支持的文件类型：仅接受 ${cfg.allowedKinds.map((k) => k.toUpperCase()).join('、')}`, {
          field: 'file',
          detected: kind ?? null,
          allowed: cfg.allowedKinds,
        });
      }
      const row = await prisma.prereviewFile.create({
        data: {
          id: randomUUID(),
          ownerId: actor.id,
          code,
          fileName,
          contentType: CONTENT_TYPES[kind],
          size: file.size,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
          content: new Uint8Array(file.buffer),
        },
        select: PREREVIEW_FILE_FIELDS,
      });
      return { ...row, fileRef: `${STORED_FILE_PREFIX}${row.id}` };
    },

    /** Every stored file named by `materials` must exist and belong to the submitter or the applicant (400 naming the material otherwise). */
    async check(materials: { code: string; fileRef: string }[], owners: string[]) {
      const ids = materials.map((m) => storedFileId(m.fileRef)).filter((id): id is string => !!id);
      const found = new Set(
        (await prisma.prereviewFile.findMany({ where: { id: { in: ids }, ownerId: { in: owners } }, select: { id: true } })).map(
          (f) => f.id,
        ),
      );
      const bad = materials.filter((m) => storedFileId(m.fileRef) && !found.has(storedFileId(m.fileRef)!));
      if (bad.length)
        throw badRequest(
          '所选文件不存在或不属于您，请重新上传',
          bad.map((m) => ({ field: `materials.${m.code}.fileRef`, message: '文件不存在，请重新上传' })),
        );
      return found;
    },

    /** Metadata of the stored files behind these refs, by ref. */
    async describe(fileRefs: string[]) {
      const ids = fileRefs.map(storedFileId).filter((id): id is string => !!id);
      const rows = ids.length ? await prisma.prereviewFile.findMany({ where: { id: { in: ids } }, select: PREREVIEW_FILE_FIELDS }) : [];
      return new Map(rows.map((r) => [`${STORED_FILE_PREFIX}${r.id}`, r]));
    },

    async content(fileId: string) {
      const row = await prisma.prereviewFile.findUnique({ where: { id: fileId } });
      if (!row) throw notFound('file', fileId);
      return row;
    },
  };
}
export type PrereviewFiles = ReturnType<typeof createPrereviewFiles>;
