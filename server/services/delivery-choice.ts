import { writeAudit } from '../../activities/audit';
import { periodDeadline } from '../../activities/handling/deadlines';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { conflict, notFound } from '../errors';

/** 结果领取: how the applicant wants the paper result — at the window, or by free mail to an address. */
export interface DeliveryChoice {
  method: 'pickup' | 'mail';
  /** 邮寄 only: where to, who receives it, their phone. */
  address?: string;
  recipient?: string;
  phone?: string;
}

const STATUS_OF: Record<DeliveryChoice['method'], string> = { pickup: 'awaiting-pickup', mail: 'to-mail' };

/**
 * The applicant's 领取 / 邮寄 choice after an approval; the result is due within 10 working days of
 * the decision (《中华人民共和国行政许可法》第四十四条), whichever way it goes. Choosing again before
 * the result has left the window replaces the choice; the same choice twice changes nothing.
 */
export async function chooseDelivery(prisma: PrismaClient, caseId: string, choice: DeliveryChoice, actor: AuthenticatedActor) {
  const row = await prisma.case.findUnique({
    where: { id: caseId },
    select: { id: true, applicantId: true, status: true, endedAt: true, variables: true, result: true },
  });
  if (!row || row.applicantId !== actor.id) throw notFound('case', caseId);
  const vars = (row.variables ?? {}) as Record<string, unknown>;
  const result = (row.result ?? {}) as Record<string, unknown>;
  if (row.status !== 'completed' || (result.decision ?? vars.decision) !== 'approved')
    throw conflict('办件准予许可并办结后才能选择领取方式', { status: row.status });
  const existing = await prisma.resultDelivery.findUnique({ where: { caseId } });
  if (existing?.deliveredAt || existing?.trackingNumber) throw conflict('结果已送出，不能再更改领取方式', { status: existing.status });
  const address = choice.method === 'mail' ? [choice.address, choice.recipient, choice.phone].filter(Boolean).join('，') : null;
  if (existing && existing.method === choice.method && existing.address === address) return existing;
  const decidedAt = existing?.decidedAt ?? row.endedAt ?? new Date();
  return prisma.$transaction(async (tx) => {
    const saved = await tx.resultDelivery.upsert({
      where: { caseId },
      create: {
        caseId,
        method: choice.method,
        status: STATUS_OF[choice.method],
        address,
        decidedAt,
        dueAt: periodDeadline('delivery', decidedAt),
      },
      update: { method: choice.method, status: STATUS_OF[choice.method], address },
    });
    await writeAudit(tx, {
      actor: actor.id,
      action: 'result.delivery',
      caseId,
      before: existing ? { method: existing.method, address: existing.address } : undefined,
      after: { method: choice.method, address },
      details: { name: choice.method === 'pickup' ? '申请人选择窗口领取' : `申请人选择邮寄：${address}` },
    });
    return saved;
  });
}
