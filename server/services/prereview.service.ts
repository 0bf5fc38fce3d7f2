import { writeAudit } from '../../activities/audit';
import { predecessorsOf, resolveMaterials, type BundleItemMaterials } from '../../activities/catalog/materials';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { Prisma, PrismaClient } from '../data/generated/client';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import type { CasesService } from './cases.service';
import { isStaff } from './cases.service';
import type { CatalogService } from './catalog.service';
import { idBytes, idDate } from '../idempotency/context';
import { randomUUID } from 'node:crypto';
import { createPrereviewFiles, storedFileId } from './prereview-files';
import { demoLicenceDirectory, type EventsService, type StartEventCaseRequest } from './events.service';

export interface PrereviewMaterial {
  code: string;
  name: string;
  fileRef: string;
  status: 'pending' | 'ok' | 'fix';
  reason?: string;
}

type PrereviewRow = { id: string; itemCode: string | null; eventCode: string | null; materials: unknown };

/**
 * 资料预审 at the 业务中台 desk: materials are checked before the formal application; staff mark each
 * OK or to fix, and ONE notice lists everything to fix (《中华人民共和国行政许可法》第三十二条, docs/rules.md#licensing-time-limits).
 */
export function createPrereviewService(deps: {
  prisma: PrismaClient;
  catalog: CatalogService;
  events: EventsService;
  cases: CasesService;
}) {
  const { prisma, catalog, events, cases } = deps;
  const files = createPrereviewFiles(prisma);

  /** Adds what the applicant and the desk read: the item's (or event's) name and, for stored files, the file's name and size. */
  async function present<T extends PrereviewRow>(rows: T[]) {
    const refs = rows.flatMap((r) => (r.materials as PrereviewMaterial[]).map((m) => m.fileRef));
    const stored = await files.describe(refs);
    const itemCodes = [...new Set(rows.map((r) => r.itemCode).filter((c): c is string => !!c))];
    const eventCodes = [...new Set(rows.map((r) => r.eventCode).filter((c): c is string => !!c))];
    const [items, evs] = await Promise.all([
      itemCodes.length
        ? prisma.catalogItem.findMany({ where: { code: { in: itemCodes }, isLatest: true }, select: { code: true, name: true } })
        : [],
      eventCodes.length ? prisma.catalogNode.findMany({ where: { code: { in: eventCodes } }, select: { code: true, name: true } }) : [],
    ]);
    const names = new Map([...items, ...evs].map((x) => [x.code, x.name]));
    return rows.map((r) => ({
      ...r,
      targetName: names.get(r.itemCode ?? r.eventCode ?? '') ?? null,
      materials: (r.materials as PrereviewMaterial[]).map((m) => {
        const f = stored.get(m.fileRef);
        return { ...m, ...(f ? { file: { id: f.id, fileName: f.fileName, size: f.size, contentType: f.contentType } } : {}) };
      }),
    }));
  }

  async function bundleMaterials(target: { itemCode?: string | null; eventCode?: string | null }): Promise<BundleItemMaterials[]> {
    if (target.eventCode) {
      const event = await catalog.event(target.eventCode);
      const items = await catalog.itemsByCode(event.items.map((i) => i.code));
      const preds = predecessorsOf(event.items);
      return event.items.map((e) => {
        const item = items.get(e.code);
        if (!item) throw notFound('itemCode', e.code);
        return {
          code: e.code,
          materials: item.materials,
          producesLicence: item.producesLicence,
          predecessors: preds.get(e.code) ?? new Set(),
        };
      });
    }
    const item = await catalog.item(target.itemCode as string);
    return [{ code: item.code, materials: item.materials, predecessors: new Set() }];
  }

  async function load(id: string, actor: AuthenticatedActor) {
    const row = await prisma.prereview.findUnique({ where: { id } });
    if (!row || (!isStaff(actor) && row.applicantId !== actor.id && row.submittedBy !== actor.id)) throw notFound('prereview', id);
    return row;
  }

  return {
    async submit(
      req: { itemCode?: string; eventCode?: string; applicantId?: string; materials: { code: string; fileRef: string }[] },
      actor: AuthenticatedActor,
    ) {
      if (!req.itemCode === !req.eventCode)
        throw badRequest('须且只能指定 itemCode 或 eventCode 之一 (give exactly one of itemCode, eventCode)', {
          fields: ['itemCode', 'eventCode'],
        });
      const applicantId = req.applicantId ?? actor.id;
      if (applicantId !== actor.id && !actor.roles.some((r) => r === 'agent' || r === 'window' || r === 'admin'))
        throw forbidden('只有代办员或窗口人员可为他人提交预审 (only agents or window staff submit for others)');
      const bundle = await bundleMaterials(req);
      const known = new Map(bundle.flatMap((b) => b.materials).map((m) => [m.code, m.name]));
      const unknown = req.materials.filter((m) => !known.has(m.code));
      if (unknown.length)
        throw badRequest(
          '提交了本事项不需要的材料 (materials not required by this item/event)',
          unknown.map((m) => ({ field: `materials.${m.code}`, message: `材料 ${m.code} 不在办事指南中` })),
        );
      await files.check(req.materials, [actor.id, applicantId]);
      const materials: PrereviewMaterial[] = req.materials.map((m) => ({
        code: m.code,
        name: known.get(m.code) as string,
        fileRef: m.fileRef,
        status: 'pending',
      }));
      const id = `PR${idDate().toISOString().slice(0, 10).replaceAll('-', '')}-${idBytes('prereview', 4).toString('hex').toUpperCase()}`;
      return prisma.$transaction(async (tx) => {
        const row = await tx.prereview.create({
          data: {
            id,
            itemCode: req.itemCode ?? null,
            eventCode: req.eventCode ?? null,
            applicantId,
            submittedBy: actor.id,
            status: 'submitted',
            materials: materials as unknown as Prisma.InputJsonValue,
          },
        });
        await writeAudit(tx, {
          actor: actor.id,
          action: 'prereview.submitted',
          details: { prereviewId: id, applicantId, materials: materials.map((m) => m.code) },
        });
        return row;
      });
    },

    async get(id: string, actor: AuthenticatedActor) {
      return (await present([await load(id, actor)]))[0];
    },

    async list(actor: AuthenticatedActor, filter: { status?: string; limit: number; offset: number }) {
      const where = {
        ...(isStaff(actor) ? {} : { OR: [{ applicantId: actor.id }, { submittedBy: actor.id }] }),
        ...(filter.status ? { status: filter.status } : {}),
      };
      const [items, total] = await Promise.all([
        prisma.prereview.findMany({ where, orderBy: { createdAt: 'desc' }, take: filter.limit, skip: filter.offset }),
        prisma.prereview.count({ where }),
      ]);
      return { items: await present(items), total };
    },

    /** A stored file of this pre-review (the applicant's own, or any for staff at the desk). */
    async fileContent(id: string, fileId: string, actor: AuthenticatedActor) {
      const row = await load(id, actor);
      if (!(row.materials as unknown as PrereviewMaterial[]).some((m) => storedFileId(m.fileRef) === fileId))
        throw notFound('file', fileId);
      return files.content(fileId);
    },

    uploadFile: files.upload,

    /** Window staff mark every submitted material; the one notice lists all fixes and all still-missing materials. */
    async review(id: string, marks: { code: string; status: 'ok' | 'fix'; reason?: string }[], actor: AuthenticatedActor) {
      const row = await load(id, actor);
      if (row.status !== 'submitted')
        throw conflict(`预审 ${id} 当前状态为 ${row.status}，不能审核 (not awaiting review)`, { status: row.status });
      const materials = row.materials as unknown as PrereviewMaterial[];
      const byCode = new Map(marks.map((m) => [m.code, m]));
      const problems = [
        ...materials.filter((m) => !byCode.has(m.code)).map((m) => ({ field: `materials.${m.code}`, message: `未审核材料：${m.name}` })),
        ...marks
          .filter((m) => !materials.some((x) => x.code === m.code))
          .map((m) => ({ field: `materials.${m.code}`, message: '该材料未提交预审' })),
        ...marks
          .filter((m) => m.status === 'fix' && !m.reason?.trim())
          .map((m) => ({ field: `materials.${m.code}.reason`, message: '需补正的材料须写明原因' })),
      ];
      if (problems.length) throw badRequest('审核意见不完整 (every material needs a mark, every fix a reason)', problems);
      const reviewed = materials.map((m) => ({ ...m, status: byCode.get(m.code)!.status, reason: byCode.get(m.code)!.reason }));
      const ok = new Set(reviewed.filter((m) => m.status === 'ok').map((m) => m.code));
      const bundle = await bundleMaterials(row);
      const resolved = resolveMaterials(bundle, { licences: new Set(), submitted: ok, commitments: new Set(), deferrals: new Set() });
      const missing = resolved.filter((r) => r.resolution === 'missing' && !materials.some((m) => m.code === r.code));
      const fixes = reviewed.filter((m) => m.status === 'fix');
      const hint = (code: string) => {
        const sources = new Set(
          bundle
            .flatMap((b) => b.materials)
            .filter((x) => x.code === code)
            .flatMap((x) => x.sources),
        );
        return sources.has('commitment') ? '（可书面承诺替代）' : sources.has('deferrable') ? '（可容缺后补）' : '';
      };
      const notice = prereviewNotice(
        id,
        fixes,
        missing.map((m) => `${m.name}${hint(m.code)}`),
      );
      return prisma.$transaction(async (tx) => {
        const updated = await tx.prereview.update({
          where: { id },
          data: {
            status: 'reviewed',
            materials: reviewed as unknown as Prisma.InputJsonValue,
            notice,
            reviewedBy: actor.id,
            reviewedAt: new Date(),
          },
        });
        await writeAudit(tx, {
          actor: actor.id,
          action: 'prereview.reviewed',
          before: { status: row.status },
          after: { status: 'reviewed', fixes: fixes.map((f) => f.code) },
          details: { prereviewId: id, notice },
        });
        return { ...updated, toFix: fixes, stillMissing: missing.map((m) => ({ code: m.code, name: m.name })) };
      });
    },

    /** The applicant replaces materials marked to fix; the pre-review goes back to the desk. */
    async resubmit(id: string, materials: { code: string; fileRef: string }[], actor: AuthenticatedActor) {
      const row = await load(id, actor);
      if (row.status !== 'reviewed') throw conflict(`预审 ${id} 当前状态为 ${row.status}，不能补正 (not reviewed)`, { status: row.status });
      const bundle = await bundleMaterials(row);
      const known = new Map(bundle.flatMap((b) => b.materials).map((m) => [m.code, m.name]));
      const current = row.materials as unknown as PrereviewMaterial[];
      for (const m of materials)
        if (!known.has(m.code)) throw badRequest(`材料 ${m.code} 不在办事指南中`, { field: `materials.${m.code}` });
      await files.check(materials, [actor.id, row.applicantId, row.submittedBy]);
      const next = [
        ...current.filter((c) => !materials.some((m) => m.code === c.code)),
        ...materials.map((m) => ({ code: m.code, name: known.get(m.code)!, fileRef: m.fileRef, status: 'pending' as const })),
      ];
      // Materials already OK stay OK; only the replaced ones are reviewed again.
      return prisma.$transaction(async (tx) => {
        const updated = await tx.prereview.update({
          where: { id },
          data: { status: 'submitted', materials: next as unknown as Prisma.InputJsonValue },
        });
        await writeAudit(tx, {
          actor: actor.id,
          action: 'prereview.resubmitted',
          details: { prereviewId: id, materials: materials.map((m) => m.code) },
        });
        return updated;
      });
    },

    /** Starts the formal case with the pre-reviewed materials (an event case, or a single-item case). */
    async startFormal(id: string, request: Omit<StartEventCaseRequest, 'prereviewId' | 'applicantId'>, actor: AuthenticatedActor) {
      const row = await load(id, actor);
      if (row.status === 'used') throw conflict(`预审 ${id} 已用于正式申请 (already used by case ${row.caseId})`, { caseId: row.caseId });
      if (row.status !== 'reviewed') throw conflict(`预审 ${id} 尚未审核 (not reviewed yet)`, { status: row.status });
      if (row.eventCode)
        return {
          kind: 'event',
          ...(await events.start(row.eventCode, { ...request, applicantId: row.applicantId, prereviewId: id }, actor)),
        };
      const item = await catalog.item(row.itemCode as string);
      const ok = (row.materials as unknown as PrereviewMaterial[]).filter((m) => m.status === 'ok').map((m) => m.code);
      // Materials the 电子证照库 answers need neither pre-review nor upload (免提交), as in any application.
      const resolved = resolveMaterials([{ code: item.code, materials: item.materials, predecessors: new Set() }], {
        licences: await demoLicenceDirectory(row.applicantId),
        submitted: new Set([...ok, ...request.materials.submitted]),
        commitments: new Set(request.materials.commitments),
        deferrals: new Set(request.materials.deferrals),
      });
      const missing = resolved.filter((r) => r.resolution === 'missing');
      if (missing.length)
        throw badRequest(
          '材料不全，请一次补正 (materials missing)',
          missing.map((m) => ({ field: `materials.${m.code}`, message: `缺少材料：${m.name}` })),
        );
      const view = await cases.start(
        {
          processKey: item.processKey,
          itemCode: item.code,
          title: item.name,
          applicantId: row.applicantId,
          variables: { ...request.form, itemVersion: item.version, materials: resolved, prereviewId: id },
        },
        actor,
        'prereview',
      );
      // The files that passed pre-review go with the case: the window sees them as handed in, nobody uploads twice.
      const passed = (row.materials as unknown as PrereviewMaterial[]).filter((m) => m.status === 'ok' && storedFileId(m.fileRef));
      const stored = await prisma.prereviewFile.findMany({ where: { id: { in: passed.map((m) => storedFileId(m.fileRef)!) } } });
      await prisma.$transaction(async (tx) => {
        for (const m of passed) {
          const f = stored.find((x) => x.id === storedFileId(m.fileRef));
          if (!f) continue;
          const copied = await tx.caseMaterial.create({
            data: {
              id: randomUUID(),
              caseId: view.caseId,
              code: m.code,
              name: m.name,
              fileName: f.fileName,
              contentType: f.contentType,
              size: f.size,
              sha256: f.sha256,
              content: f.content,
              status: 'submitted',
              uploadedBy: actor.id,
            },
            select: { id: true },
          });
          await writeAudit(tx, {
            actor: actor.id,
            action: 'material.uploaded',
            caseId: view.caseId,
            after: { id: copied.id, code: m.code, fileName: f.fileName, size: f.size, sha256: f.sha256, prereviewId: id },
            details: { name: `${m.name}（${f.fileName}，预审通过）` },
          });
        }
        await tx.prereview.update({ where: { id }, data: { status: 'used', caseId: view.caseId } });
        await writeAudit(tx, { actor: actor.id, action: 'prereview.used', caseId: view.caseId, details: { prereviewId: id } });
      });
      return { kind: 'item', ...view };
    },
  };
}

/** One notice listing everything to fix (一次性告知, 行政许可法 art. 32). */
export function prereviewNotice(id: string, fixes: { name: string; reason?: string }[], missing: string[]): string {
  if (fixes.length === 0 && missing.length === 0) return `预审编号 ${id}：您提交的材料已全部通过预审，可直接提交正式申请。`;
  const lines = [
    `预审编号 ${id}：根据《中华人民共和国行政许可法》第三十二条，现一次性告知您需要补正的全部内容：`,
    ...fixes.map((f, i) => `${i + 1}. ${f.name}：${f.reason}`),
    ...missing.map((m, i) => `${fixes.length + i + 1}. ${m}：尚未提交`),
    '补正后可再次提交预审，或在正式申请时一并提交。',
  ];
  return lines.join('\n');
}
export type PrereviewService = ReturnType<typeof createPrereviewService>;
