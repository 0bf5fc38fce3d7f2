import { writeAudit } from '../audit';
import { isApproval, pushApprovalNotice } from './approval-notice';
import type { ServiceTaskHandler } from './registry';

/** 写入办理结果: records the decision on the case, as the result the applicant will see. */
export const writeResult: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const result = {
    decision: variables.decision ?? (variables.accepted === false ? 'rejected' : 'approved'),
    opinion: variables.opinion ?? variables.reason ?? null,
    decidedAt: new Date().toISOString(),
  };
  await prisma.$transaction(async (tx) => {
    await tx.case.update({ where: { id: caseId }, data: { result } });
    await writeAudit(tx, { actor: 'system', action: 'case.result.written', caseId, elementId, after: result });
  });
  // 审批信息通报 at decision time; a failure here retries the activity (the result write is idempotent).
  const linkageNotice = isApproval(result.decision) ? await pushApprovalNotice(prisma, caseId, variables) : undefined;
  return linkageNotice ? { result, linkageNotice } : { result };
};
