import { writeAudit } from '../audit';
import { isApproval, pushApprovalNotice } from './approval-notice';
import { claimEffect } from './effects';
import type { ServiceTaskHandler } from './registry';

/** 写入办理结果: records the decision on the case, as the result the applicant will see. */
export const writeResult: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma, approvalNotices }) => {
  const written = {
    decision: variables.decision ?? (variables.accepted === false ? 'rejected' : 'approved'),
    opinion: variables.opinion ?? variables.reason ?? null,
    decidedAt: new Date().toISOString(),
  };
  const result = await prisma.$transaction(async (tx) => {
    // A repeated attempt of the same task answers with the result written the first time.
    if (!(await claimEffect(tx, { caseId, elementId, what: 'case.result.written' }))) {
      const row = await tx.case.findUnique({ where: { id: caseId }, select: { result: true } });
      if (row?.result) return row.result as typeof written;
    }
    await tx.case.update({ where: { id: caseId }, data: { result: written } });
    await writeAudit(tx, { actor: 'system', action: 'case.result.written', caseId, elementId, after: written });
    return written;
  });
  // 审批信息通报 at decision time; a failure here retries the activity (the result write is idempotent).
  const linkageNotice = isApproval(result.decision) ? await pushApprovalNotice({ prisma, approvalNotices }, caseId, variables) : undefined;
  return linkageNotice ? { result, linkageNotice } : { result };
};
