import type { PrismaClient } from '../../server/data/generated/client';
import { DEPARTMENTS } from '../domain/machines/directory';
import type { Variables } from '../../workflows/engine/model';

/**
 * What the 审批信息通报 needs from the 审管联动 (linkage) service: open the notice of a decided case.
 * The worker builds it (server/worker.ts), so activities never import the server.
 */
export interface ApprovalNotices {
  approvalDecided(request: { caseId: string; supervisingDepartment: string }): Promise<{ notice: { instanceId: string } }>;
}

/**
 * 审批信息通报: an approval decision is pushed to the supervising department at decision time
 * (审管联动 rule 3). The department comes from the case (`supervisingDepartment`, a department code)
 * or from the catalogue item's department when that department supervises what it approves.
 * Returns the notice's instance id, or undefined when the case names no supervising department.
 */
export async function pushApprovalNotice(
  deps: { prisma: PrismaClient; approvalNotices: ApprovalNotices },
  caseId: string,
  variables: Variables,
): Promise<string | undefined> {
  const department = await supervisingDepartmentOf(deps.prisma, caseId, variables);
  if (!department) return undefined;
  const { notice } = await deps.approvalNotices.approvalDecided({ caseId, supervisingDepartment: department });
  return notice.instanceId;
}

export function isApproval(decision: unknown): boolean {
  return decision === 'approved' || (typeof decision === 'string' && decision.startsWith('准予'));
}

async function supervisingDepartmentOf(prisma: PrismaClient, caseId: string, variables: Variables): Promise<string | undefined> {
  const named = variables.supervisingDepartment;
  if (typeof named === 'string' && DEPARTMENTS[named]) return named;
  const row = await prisma.case.findUnique({ where: { id: caseId }, select: { itemCode: true } });
  if (!row?.itemCode) return undefined;
  const item = await prisma.catalogItem.findFirst({ where: { code: row.itemCode, isLatest: true }, select: { department: true } });
  const match = Object.values(DEPARTMENTS).find((d) => d.name === item?.department && d.code !== 'spj');
  return match?.code;
}
