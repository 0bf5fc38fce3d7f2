import type { PrismaClient } from '../data/generated/client';

/**
 * Every 督办 escalation for supervisors: per supervised step that was 催办'd or escalated — why, who holds it,
 * how long it has been (or was) overdue, and its history (督办 notices and the instance's transitions).
 */
export function createEscalationsService(prisma: PrismaClient) {
  return {
    async list(filter: { open?: boolean; kind?: string; limit: number; offset: number }, now = new Date()) {
      const escalated = await prisma.machineEscalation.findMany({
        where: { level: { in: ['urge', 'escalate'] }, ...(filter.kind ? { kind: filter.kind } : {}) },
        select: { stepId: true },
        distinct: ['stepId'],
      });
      const where = {
        id: { in: escalated.map((e) => e.stepId) },
        ...(filter.open === undefined ? {} : filter.open ? { completedAt: null } : { completedAt: { not: null } }),
      };
      const [steps, total] = await Promise.all([
        prisma.machineStep.findMany({ where, orderBy: { dueAt: 'asc' }, take: filter.limit, skip: filter.offset }),
        prisma.machineStep.count({ where }),
      ]);
      const ids = steps.map((s) => s.id);
      const instanceIds = [...new Set(steps.map((s) => s.instanceId))];
      const [notices, instances, transitions] = await Promise.all([
        prisma.machineEscalation.findMany({ where: { stepId: { in: ids } }, orderBy: { id: 'asc' } }),
        prisma.machineInstance.findMany({ where: { id: { in: instanceIds } } }),
        prisma.machineTransition.findMany({ where: { instanceId: { in: instanceIds } }, orderBy: { id: 'asc' } }),
      ]);
      const items = steps.map((step) => {
        const own = notices.filter((n) => n.stepId === step.id);
        const last = own[own.length - 1];
        const instance = instances.find((i) => i.id === step.instanceId);
        const end = step.completedAt ?? now;
        return {
          stepId: step.id,
          instanceId: step.instanceId,
          kind: step.kind,
          title: instance?.title,
          state: instance?.state,
          step: step.step,
          why: last?.reason,
          level: last?.level,
          holder: step.holder,
          department: step.department,
          enteredAt: step.enteredAt,
          dueAt: step.dueAt,
          completedAt: step.completedAt,
          open: step.completedAt === null,
          /** How long the holder has had (or had) the step. */
          heldMs: Math.max(0, end.getTime() - step.enteredAt.getTime()),
          overdueMs: Math.max(0, end.getTime() - step.dueAt.getTime()),
          history: {
            supervision: own.map((n) => ({ level: n.level, reason: n.reason, notified: n.notified, at: n.at })),
            transitions: transitions
              .filter((t) => t.instanceId === step.instanceId)
              .map((t) => ({ event: t.event, actor: t.actor, from: t.fromState, to: t.toState, at: t.at })),
          },
        };
      });
      return { items, total };
    },
  };
}

export type EscalationsService = ReturnType<typeof createEscalationsService>;
