import { createHash, randomInt, randomUUID } from 'node:crypto';
import { writeAudit } from '../../activities/audit';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { badRequest, notFound } from '../errors';
import { renderDocument, type DocumentSpec } from '../documents/render';
import { documentSigner } from '../documents/signer';
import { isStaff } from './cases.service';
import type { MaterialsService } from './materials.service';
import { applicantNameOf, ensureLookup } from './lookup.service';

/** The documents a case can carry, in the order a case meets them. */
export const DOCUMENT_KINDS = ['receipt', 'correction-notice', 'rejection', 'approval', 'licence'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  receipt: '受理回执',
  'correction-notice': '补正材料一次性告知书',
  rejection: '不予受理决定书',
  approval: '准予行政许可决定书',
  licence: '电子证照',
};
const NUMBER_PREFIX: Record<DocumentKind, string> = {
  receipt: 'SL',
  'correction-notice': 'BZ',
  rejection: 'BY',
  approval: 'ZY',
  licence: 'ZZ',
};

/** Public address of the console, for the QR code on each document. */

const FIELDS = {
  id: true,
  caseId: true,
  kind: true,
  version: true,
  number: true,
  verifyCode: true,
  title: true,
  sha256: true,
  signer: true,
  issuedBy: true,
  issuedAt: true,
} as const;

type CaseRow = {
  id: string;
  title: string;
  applicantId: string;
  itemCode: string | null;
  eventCaseId?: string | null;
  status: string;
  variables: unknown;
  result: unknown;
  startedAt: Date;
  endedAt: Date | null;
};

/**
 * 办件文书: receipts, notices, decisions and the e-licence as PDF, generated when the case reaches
 * them and kept with it. A document is reissued as a new version when what it says has changed, or
 * when the window reissues it; every issue is an audit record, so it shows in the case timeline.
 */
/** `publicBaseUrl`: the address the QR codes open (PUBLIC_BASE_URL). */
export function createDocumentsService(deps: { prisma: PrismaClient; materials: MaterialsService; publicBaseUrl?: string }) {
  const { prisma, materials } = deps;
  const publicBaseUrl = (deps.publicBaseUrl ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

  async function caseFor(caseId: string, actor: AuthenticatedActor): Promise<CaseRow> {
    const row = await prisma.case.findUnique({ where: { id: caseId } });
    if (!row || (!isStaff(actor) && row.applicantId !== actor.id)) throw notFound('case', caseId);
    return row;
  }

  /** What each applicable document says now (undefined when the case has not reached it). */
  async function specsOf(
    row: CaseRow,
  ): Promise<Partial<Record<DocumentKind, Omit<DocumentSpec, 'number' | 'verifyCode' | 'issuedAt' | 'lookupUrl'>>>> {
    const vars = (row.variables ?? {}) as Record<string, unknown>;
    const result = (row.result ?? {}) as Record<string, unknown>;
    const item = row.itemCode ? await prisma.catalogItem.findFirst({ where: { code: row.itemCode, isLatest: true } }) : null;
    const issuer = item?.department ?? '区数据和行政审批局';
    const name = await applicantNameOf(prisma, row.applicantId);
    const data = (item?.data ?? {}) as { legalBasis?: string[]; resultName?: string };
    const base = { issuer, caseId: row.id, to: `${name}：` };
    const fields: [string, string][] = [
      ['办件编号', row.id],
      ['申请事项', row.title],
      ['申请人', name],
      ['申请时间', fmt(row.startedAt)],
    ];
    const out: Awaited<ReturnType<typeof specsOf>> = {};
    out.receipt = {
      ...base,
      title: DOCUMENT_TITLES.receipt,
      paragraphs: [
        `您提交的「${row.title}」申请材料已收到。本机关将依法审查，并在承诺时限内作出决定${item ? `（承诺 ${item.promisedDays} 个工作日）` : ''}。`,
        '请妥善保存本回执，凭办件编号和查询码可随时查询办理进度。',
      ],
      fields: [...fields, ['查询码', (await ensureLookup(prisma, row.id)).queryCode]],
      basis: '《中华人民共和国行政许可法》第三十二条',
    };
    const needed =
      row.status === 'running'
        ? await materials.neededFromApplicant(row.id, Array.isArray(vars.neededFromApplicant) ? vars.neededFromApplicant : [])
        : [];
    if (needed.length) {
      out['correction-notice'] = {
        ...base,
        title: DOCUMENT_TITLES['correction-notice'],
        paragraphs: [
          '经审查，您的申请材料不齐全或者不符合法定形式。现将需要补正的全部内容一次告知如下，请补正后重新提交。补正期间不计入办理时限。',
        ],
        list: {
          heading: '需要补正的材料：',
          items: needed.map((n) =>
            typeof n === 'string' ? n : [(n as { name?: string }).name, (n as { reason?: string }).reason].filter(Boolean).join('：'),
          ),
        },
        fields,
        basis: '《中华人民共和国行政许可法》第三十二条第一款第四项',
      };
    }
    const decision = result.decision ?? vars.decision;
    const opinion = typeof (result.opinion ?? vars.opinion) === 'string' ? String(result.opinion ?? vars.opinion) : '';
    if (vars.accepted === false) {
      out.rejection = {
        ...base,
        title: DOCUMENT_TITLES.rejection,
        paragraphs: [
          `您申请的「${row.title}」，经审查，决定不予受理。${opinion ? `理由：${opinion}。` : ''}`,
          '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。',
        ],
        fields,
        basis: '《中华人民共和国行政许可法》第三十二条、第三十八条第二款',
      };
    }
    if (decision === 'approved' && row.status === 'completed') {
      out.approval = {
        ...base,
        title: DOCUMENT_TITLES.approval,
        paragraphs: [
          `您申请的「${row.title}」，经审查，符合法定条件、标准，决定准予行政许可。${opinion ? `审查意见：${opinion}。` : ''}`,
          data.resultName
            ? `许可结果：${data.resultName}，可在本系统下载电子证照，或到窗口领取纸质证照。`
            : '许可结果可在本系统下载，或到窗口领取。',
        ],
        fields: [...fields, ['决定日期', fmt(row.endedAt ?? new Date())]],
        basis: ['《中华人民共和国行政许可法》第三十八条第一款', ...(data.legalBasis ?? [])].join('；'),
      };
    }
    let licence = await prisma.licence.findFirst({ where: { caseId: row.id }, orderBy: { issuedAt: 'desc' } });
    if (!licence && row.eventCaseId && decision === 'approved' && row.status === 'completed') {
      // A 一件事 item's result: the combined case records the licence it produced.
      const ev = await prisma.eventCase.findUnique({ where: { id: row.eventCaseId }, select: { items: true } });
      const outcome = (ev?.items as { caseId: string; licence?: { number: string } }[] | undefined)?.find((i) => i.caseId === row.id);
      if (outcome?.licence) {
        const from = row.endedAt ?? new Date();
        licence = {
          id: outcome.licence.number,
          type: '',
          number: outcome.licence.number.replace(/^[A-Z_]+-/, ''),
          name: data.resultName ?? row.title,
          issuer,
          holderId: row.applicantId,
          validFrom: from,
          validUntil: null,
          status: 'valid',
          caseId: row.id,
          data: {},
          issuedAt: from,
        };
      }
    }
    if (licence) {
      out.licence = {
        ...base,
        issuer: licence.issuer,
        to: undefined,
        title: licence.name,
        paragraphs: [
          `持证人：${name}`,
          `证照编号：${licence.number}`,
          `有效期：${fmt(licence.validFrom)} 至 ${licence.validUntil ? fmt(licence.validUntil) : '长期'}`,
          licence.status === 'valid' ? '状态：有效' : '状态：已失效',
        ],
        fields: [
          ['办件编号', row.id],
          ['发证机关', licence.issuer],
        ],
      };
    }
    return out;
  }

  /** Issues what the case has reached and has changed since the last version; returns every current document. */
  async function sync(row: CaseRow, actor: string, force?: DocumentKind) {
    const specs = await specsOf(row);
    for (const kind of DOCUMENT_KINDS) {
      const spec = specs[kind];
      if (!spec) continue;
      const basis = createHash('sha256')
        .update(JSON.stringify({ ...spec, fields: spec.fields.filter(([k]) => k !== '决定日期') }))
        .digest('hex');
      const last = await prisma.caseDocument.findFirst({
        where: { caseId: row.id, kind },
        orderBy: { version: 'desc' },
        select: { version: true, basis: true },
      });
      if (last && last.basis === basis && force !== kind) continue;
      const version = (last?.version ?? 0) + 1;
      const number = `${NUMBER_PREFIX[kind]}${row.id.replace(/[^A-Z0-9]/gi, '')}-${version}`;
      const verifyCode = String(randomInt(10_000_000, 99_999_999));
      const { queryCode } = await ensureLookup(prisma, row.id);
      const issuedAt = new Date();
      const lookupUrl = `${publicBaseUrl}/lookup?no=${encodeURIComponent(row.id)}&code=${queryCode}&doc=${encodeURIComponent(number)}&v=${verifyCode}`;
      const signer = documentSigner();
      const pdf = await renderDocument({ ...spec, number, verifyCode, issuedAt, lookupUrl }, signer);
      await prisma
        .$transaction(async (tx) => {
          await tx.caseDocument.create({
            data: {
              id: randomUUID(),
              caseId: row.id,
              kind,
              version,
              number,
              verifyCode,
              title: spec.title,
              basis,
              sha256: createHash('sha256').update(pdf).digest('hex'),
              content: new Uint8Array(pdf),
              signer: signer.name,
              issuedBy: actor,
              issuedAt,
            },
          });
          await writeAudit(tx, {
            actor,
            action: 'document.issued',
            caseId: row.id,
            after: { kind, version, number },
            details: { name: `${spec.title}${version > 1 ? `（第 ${version} 版）` : ''}` },
          });
        })
        .catch(async (err: unknown) => {
          // Two readers issuing the same version at once: the first one wins, the other reads it.
          if ((err as { code?: string }).code !== 'P2002') throw err;
        });
    }
  }

  async function current(caseId: string) {
    const rows = await prisma.caseDocument.findMany({ where: { caseId }, select: FIELDS, orderBy: [{ kind: 'asc' }, { version: 'desc' }] });
    const latest = DOCUMENT_KINDS.flatMap((k) => rows.filter((r) => r.kind === k).slice(0, 1));
    return latest.map((d) => ({
      ...d,
      versions: rows.filter((r) => r.kind === d.kind).length,
      url: `/api/cases/${encodeURIComponent(caseId)}/documents/${d.id}/content`,
    }));
  }

  return {
    async list(caseId: string, actor: AuthenticatedActor) {
      const row = await caseFor(caseId, actor);
      await sync(row, 'system');
      return { caseId, items: await current(caseId) };
    },

    async reissue(caseId: string, kind: string, actor: AuthenticatedActor) {
      if (!DOCUMENT_KINDS.includes(kind as DocumentKind))
        throw badRequest(`没有这种文书：${kind}`, { field: 'kind', allowed: DOCUMENT_KINDS });
      const row = await caseFor(caseId, actor);
      const specs = await specsOf(row);
      if (!specs[kind as DocumentKind])
        throw badRequest(`本办件尚未到出具「${DOCUMENT_TITLES[kind as DocumentKind]}」的阶段`, { field: 'kind', kind });
      await sync(row, actor.id, kind as DocumentKind);
      return { caseId, items: await current(caseId) };
    },

    async content(caseId: string, documentId: string, actor: AuthenticatedActor) {
      await caseFor(caseId, actor);
      const doc = await prisma.caseDocument.findFirst({ where: { id: documentId, caseId } });
      if (!doc) throw notFound('document', documentId);
      return doc;
    },

    /** Public check of a paper: the number and its verification code match an issued document. */
    async verify(number: string, verifyCode: string) {
      const doc = await prisma.caseDocument.findUnique({
        where: { number },
        select: { number: true, verifyCode: true, title: true, issuedAt: true, kind: true, caseId: true, version: true },
      });
      if (!doc || doc.verifyCode !== verifyCode) return { valid: false as const };
      const newer = await prisma.caseDocument.count({ where: { caseId: doc.caseId, kind: doc.kind, version: { gt: doc.version } } });
      return { valid: true as const, number: doc.number, title: doc.title, issuedAt: doc.issuedAt, superseded: newer > 0 };
    },
  };
}

function fmt(d: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(d);
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
