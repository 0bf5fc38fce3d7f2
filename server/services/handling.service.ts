import { handlingConfig } from '../../activities/handling/config';
import { addCreditRecord, blockingCredit, type CreditKind } from '../../activities/handling/credit';
import { itemFacts, nonDeferrableReason } from '../../activities/handling/materials';
import type { Variables } from '../../workflows/engine/model';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { badRequest, conflict, notFound } from '../errors';
import type { CasesService } from './cases.service';

/** Handling modes (办理模式) and the BPMN process each runs. */
export const MODES = {
  standard: { processKey: 'mode-standard', name: '标准审批 (受理→审核→审批→决定)' },
  integrated: { processKey: 'mode-integrated', name: '集成快办 (窗口受理 + 审批服务专员决定)' },
  immediate: { processKey: 'mode-immediate', name: '即办件（当场办结）' },
  promised: { processKey: 'mode-promised', name: '承诺件（在承诺时限内办结）' },
  deferred: { processKey: 'mode-deferred', name: '容缺受理' },
  commitment: { processKey: 'mode-commitment', name: '告知承诺制' },
} as const;
export type Mode = keyof typeof MODES;

export interface ApplyRequest {
  mode: Mode;
  itemCode?: string;
  title?: string;
  applicantId?: string;
  variables: Variables;
  deferredMaterials?: string[];
  commitmentLetter?: boolean;
  commitment?: { accepted: boolean; signedBy?: string };
}

export function createHandlingService(deps: { prisma: PrismaClient; cases: CasesService }) {
  const { prisma, cases } = deps;

  /** Refuses a mode that does not apply, with the reason (400 for the request, 409 for the applicant's record). */
  async function checkEligibility(req: ApplyRequest, applicantId: string) {
    const facts = await itemFacts(prisma, req.itemCode, req.variables);
    if (req.mode === 'promised' || req.mode === 'immediate') {
      const statutory = facts.statutoryDays ?? handlingConfig().statutoryLimitWorkingDays;
      if (facts.promisedDays !== undefined && facts.promisedDays > statutory) {
        throw badRequest(
          `承诺时限 ${facts.promisedDays} 个工作日超过法定时限 ${statutory} 个工作日 （《中华人民共和国行政许可法》第四十二条）`,
          { field: 'variables.promisedDays' },
        );
      }
    }
    if (req.mode === 'deferred') {
      const codes = req.deferredMaterials ?? [];
      if (codes.length === 0) throw badRequest('容缺受理须列明容缺的材料 (name the deferred materials)', { field: 'deferredMaterials' });
      if (req.commitmentLetter !== true)
        throw badRequest('容缺受理须提交《申请容缺受理承诺书》 (the commitment letter is required)', { field: 'commitmentLetter' });
      const reasons = codes
        .map((code) => {
          const m = facts.materials.find((x) => x.code === code);
          return { code, reason: m ? nonDeferrableReason(m) : `材料 ${code} 不在该事项的材料清单中 (not a material of this item)` };
        })
        .filter((r) => r.reason);
      if (reasons.length)
        throw badRequest(`不能容缺受理：${reasons.map((r) => r.reason).join('；')}`, { field: 'deferredMaterials', reasons });
    }
    if (req.mode === 'deferred' || req.mode === 'commitment') {
      const records = await blockingCredit(prisma, applicantId);
      if (records.length) {
        const label = req.mode === 'deferred' ? '容缺受理' : '告知承诺';
        throw conflict(
          `申请人有不良信用记录或曾作虚假承诺，信用修复前不适用${label} (bad credit or an earlier false commitment: not eligible until credit repair)`,
          {
            records: records.map((r) => ({ id: r.id, kind: r.kind, reason: r.reason, caseId: r.caseId })),
          },
        );
      }
    }
    if (req.mode === 'commitment' && req.commitment?.accepted !== true) {
      throw badRequest('告知承诺须由申请人自愿书面承诺 (the applicant must commit voluntarily and in writing)', {
        field: 'commitment.accepted',
      });
    }
  }

  return {
    modes() {
      return { items: Object.entries(MODES).map(([mode, m]) => ({ mode, ...m })) };
    },

    async apply(req: ApplyRequest, actor: AuthenticatedActor) {
      const applicantId = req.applicantId ?? actor.id;
      await checkEligibility(req, applicantId);
      const variables: Variables = {
        ...req.variables,
        handlingMode: req.mode,
        ...(req.deferredMaterials ? { deferredMaterials: req.deferredMaterials, commitmentLetter: req.commitmentLetter } : {}),
        ...(req.commitment ? { commitment: req.commitment } : {}),
      };
      return cases.start(
        { processKey: MODES[req.mode].processKey, itemCode: req.itemCode, title: req.title, applicantId: req.applicantId, variables },
        actor,
        'handling',
      );
    },

    async creditRecords(subjectId?: string) {
      const items = await prisma.creditRecord.findMany({ where: subjectId ? { subjectId } : {}, orderBy: { createdAt: 'desc' } });
      return { items, total: items.length };
    },

    async addCredit(input: { subjectId: string; kind: CreditKind; reason: string }, actor: AuthenticatedActor) {
      return prisma.$transaction(async (tx) => {
        const row = await addCreditRecord(tx, input);
        await tx.auditEvent.create({ data: { actor: actor.id, action: 'credit.recorded', after: row as object } });
        return row;
      });
    },

    /** 信用修复: the record stays, marked repaired, and no longer bars 容缺 or 告知承诺. */
    async repairCredit(id: string, actor: AuthenticatedActor) {
      const row = await prisma.creditRecord.findUnique({ where: { id } });
      if (!row) throw notFound('creditRecord', id);
      if (row.repairedAt) throw conflict('该信用记录已修复 (already repaired)', { id });
      return prisma.$transaction(async (tx) => {
        const updated = await tx.creditRecord.update({ where: { id }, data: { repairedAt: new Date() } });
        await tx.auditEvent.create({
          data: { actor: actor.id, action: 'credit.repaired', before: { repairedAt: null }, after: { id, repairedAt: updated.repairedAt } },
        });
        return updated;
      });
    },
  };
}

export type HandlingService = ReturnType<typeof createHandlingService>;
