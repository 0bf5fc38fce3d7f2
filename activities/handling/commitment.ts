import type { ServiceTaskHandler } from '../service-tasks/registry';
import { caseRow, recordStep } from './context';
import { addCreditRecord } from './credit';
import { periodDeadline } from './deadlines';
import { durationEnd } from '../../workflows/engine/timers';

/** The seven elements of the 告知承诺 written notice (国办发〔2020〕42号, docs/rules.md#commitment). */
export function sevenElementNotice(item: { name: string; basis?: string; proofContent?: string }) {
  return {
    事项名称: item.name,
    设定依据: item.basis ?? '国办发〔2020〕42号',
    证明内容: item.proofContent ?? '申请人符合许可条件',
    承诺方式: '书面承诺 (含电子文本)，申请人签名',
    不实承诺责任: '依法终止办理、责令限期整改、撤销行政决定或者予以行政处罚，并纳入信用记录 (civil/administrative/criminal liability)',
    核查权力: '行政机关有权通过书面核查、网络核验、实地调查、公示核查等方式核查',
    公开范围: '承诺内容在政务服务平台公开，公开期限与许可有效期一致',
  };
}

/** `handling-commitment-notice` (告知承诺制): the notice given, the applicant's commitment recorded. */
export const handlingCommitmentNotice: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const row = await caseRow(prisma, caseId);
  const notice = sevenElementNotice({
    name: row.title,
    basis: variables.legalBasis as string | undefined,
    proofContent: variables.proofContent as string | undefined,
  });
  await recordStep(prisma, {
    caseId,
    elementId,
    action: 'commitment.recorded',
    after: { notice, commitment: variables.commitment },
    notice: {
      discriminator: 'commitment-notice',
      notice: {
        title: `告知承诺书 (notification and commitment): ${row.title}`,
        body: Object.entries(notice)
          .map(([k, v]) => `${k}：${v}`)
          .join('\n'),
      },
    },
  });
  return { commitmentNotice: notice, commitmentRecordedAt: new Date().toISOString() };
};

/**
 * `handling-verification-plan`: a 核查 task per item with its method and due date (事中事后); the
 * due date drives the 核查 task's deadline and the 核查超期督办 timer. A case may carry its own ISO
 * duration (`verificationTimeout`, e.g. PT3S in tests) instead of the configured days.
 */
export const handlingVerificationPlan: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const now = new Date();
  const due =
    typeof variables.verificationTimeout === 'string'
      ? new Date(durationEnd(now.toISOString(), variables.verificationTimeout))
      : periodDeadline('verification', now, typeof variables.verificationDays === 'number' ? variables.verificationDays : undefined);
  const method = String(variables.verificationMethod ?? '网络核验');
  await recordStep(prisma, { caseId, elementId, action: 'verification.planned', after: { method, dueAt: due.toISOString() } });
  return { verificationDueAt: due.toISOString(), verificationMethod: method };
};

/** `handling-verification-overdue` (核查超期督办): the 核查 passed its due date; recorded and the supervisor told. */
export const handlingVerificationOverdue: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const row = await caseRow(prisma, caseId);
  await recordStep(prisma, {
    caseId,
    elementId,
    action: 'verification.overdue',
    after: {
      dueAt: variables.verificationDueAt ?? null,
      method: variables.verificationMethod ?? null,
      title: row.title,
      notified: ['supervisor'],
    },
  });
  return { verificationOverdue: true };
};

/**
 * `handling-false-commitment`: a commitment found untrue → 终止 / 责令整改 / 撤销 (the licence is
 * revoked in the registry), a credit record, and the 审管联动 supervision linkage is triggered.
 */
export const handlingFalseCommitment: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const row = await caseRow(prisma, caseId);
  const measure = (['terminate', 'rectify', 'revoke'] as const).find((m) => m === variables.falseCommitmentMeasure) ?? 'revoke';
  const finding = String(variables.verificationFinding ?? '核查发现承诺内容与实际不符');
  const labels = { terminate: '终止办理', rectify: '责令限期整改', revoke: '撤销行政决定' };
  await recordStep(
    prisma,
    {
      caseId,
      elementId,
      action: 'commitment.false',
      after: { measure, finding },
      notice: {
        discriminator: 'false-commitment',
        notice: {
          title: `承诺不实处理决定 (false commitment): ${row.title}`,
          body: `${labels[measure]}。理由：${finding}。已纳入信用记录。`,
        },
      },
    },
    async (tx) => {
      await addCreditRecord(tx, { subjectId: row.applicantId, kind: 'false-commitment', reason: finding, caseId });
      if (measure === 'revoke') await tx.licence.updateMany({ where: { caseId, status: 'valid' }, data: { status: 'revoked' } });
      await tx.auditEvent.create({
        data: {
          actor: 'system',
          action: 'supervision.linkage.triggered',
          caseId,
          elementId,
          details: { reason: 'false-commitment', measure, finding },
        },
      });
    },
  );
  return { falseCommitmentMeasure: measure, supervisionLinkage: true };
};
