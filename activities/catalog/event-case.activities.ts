import type { PrismaClient, Prisma } from '../../server/data/generated/client';
import type { EventCaseInput, EventCaseView, EventItemOutcome, EventItemPlan } from '../../workflows/event-case.workflow';
import { writeAudit } from '../audit';

const SYSTEM = 'system';
type StoredInput = Omit<EventCaseInput, 'items'> & { items: Omit<EventItemPlan, 'process'>[] };

/** Read-model projections of a combined event case (一件事), each with its audit record. */
export function createEventCaseActivities(prisma: PrismaClient) {
  return {
    async createEventCase({ input }: { input: StoredInput }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        if (await tx.eventCase.findUnique({ where: { id: input.eventCaseId } })) return;
        const items: EventItemOutcome[] = input.items.map((p) => ({
          itemCode: p.itemCode,
          itemId: p.itemId,
          name: p.name,
          department: p.department,
          caseId: p.caseId,
          status: 'waiting',
        }));
        await tx.eventCase.create({
          data: {
            id: input.eventCaseId,
            workflowId: `event-${input.eventCaseId}`,
            eventCode: input.eventCode,
            eventName: input.eventName,
            applicantId: input.applicantId,
            startedBy: input.startedBy,
            status: 'running',
            items: items as unknown as Prisma.InputJsonValue,
            form: input.form as Prisma.InputJsonValue,
            materials: input.materials as Prisma.InputJsonValue,
            requiredCount: input.reduction.required,
            submittedCount: input.reduction.submitted,
            prereviewId: input.prereviewId ?? null,
          },
        });
        if (input.prereviewId)
          await tx.prereview.update({ where: { id: input.prereviewId }, data: { status: 'used', caseId: input.eventCaseId } });
        await writeAudit(tx, {
          actor: input.startedBy,
          action: 'event-case.started',
          caseId: input.eventCaseId,
          after: {
            eventCode: input.eventCode,
            items: input.items.map((i) => i.itemId),
            reduction: input.reduction,
            prereviewId: input.prereviewId,
          },
        });
      });
    },

    async recordEventItem({ eventCaseId, outcome }: { eventCaseId: string; outcome: EventItemOutcome }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const row = await tx.eventCase.findUnique({ where: { id: eventCaseId }, select: { items: true } });
        if (!row) return;
        const items = (row.items as unknown as EventItemOutcome[]).map((i) => (i.itemCode === outcome.itemCode ? outcome : i));
        await tx.eventCase.update({ where: { id: eventCaseId }, data: { items: items as unknown as Prisma.InputJsonValue } });
        await writeAudit(tx, { actor: SYSTEM, action: `event-case.item.${outcome.status}`, caseId: eventCaseId, after: outcome });
      });
    },

    async finishEventCase({
      eventCaseId,
      view,
      applicantId,
    }: {
      eventCaseId: string;
      view: EventCaseView;
      applicantId: string;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const before = await tx.eventCase.findUnique({ where: { id: eventCaseId }, select: { status: true } });
        if (!before || before.status !== 'running') return;
        const notice = combinedNotice(view);
        const result = {
          status: view.status,
          results: view.items
            .filter((i) => i.status === 'approved')
            .map((i) => ({ itemCode: i.itemCode, name: i.name, resultName: i.resultName, licence: i.licence })),
          notApproved: view.items
            .filter((i) => i.status !== 'approved')
            .map((i) => ({ itemCode: i.itemCode, name: i.name, status: i.status, opinion: i.opinion })),
        };
        await tx.eventCase.update({
          where: { id: eventCaseId },
          data: {
            status: view.status,
            items: view.items as unknown as Prisma.InputJsonValue,
            result: result as Prisma.InputJsonValue,
            notice,
            endedAt: new Date(),
          },
        });
        await writeAudit(tx, { actor: SYSTEM, action: `event-case.${view.status}`, caseId: eventCaseId, before, after: result });
        await writeAudit(tx, {
          actor: SYSTEM,
          action: 'event-case.notice.sent',
          caseId: eventCaseId,
          details: { to: applicantId, notice },
        });
      });
    },
  };
}

const STATUS_LABEL: Record<string, string> = {
  approved: '已办结',
  rejected: '未予办理',
  skipped: '未启动',
  failed: '办理异常',
  running: '办理中',
  waiting: '待办理',
};

/** One notice to the applicant listing every item's result (统一出件). */
export function combinedNotice(view: EventCaseView): string {
  const lines = view.items.map((i, n) => {
    const tail = i.status === 'approved' ? (i.resultName ? `，结果：${i.resultName}` : '') : i.opinion ? `，原因：${i.opinion}` : '';
    return `${n + 1}. ${i.name}（${i.department}）：${STATUS_LABEL[i.status] ?? i.status}${tail}`;
  });
  const head =
    view.status === 'completed'
      ? `您申请的“${view.eventName}”（编号 ${view.eventCaseId}）已全部办结，共 ${view.items.length} 个事项：`
      : `您申请的“${view.eventName}”（编号 ${view.eventCaseId}）已办理完毕，其中部分事项未能办结：`;
  return [head, ...lines].join('\n');
}
