import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { notFound } from '../errors';
import { actorLabel, auditActionLabel } from '../labels/words';
import { isStaff } from './cases.service';

export interface TimelineEntry {
  id: string;
  at: Date;
  action: string;
  label: string;
  actor: string;
  actorName?: string;
  elementId: string | null;
  taskId: string | null;
  name?: string;
  /** Before/after and details: staff only. */
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

/** A case's timeline from the read model: every step entered and left, every task event, by whom and when. */
export function createTimelineService(prisma: PrismaClient) {
  return {
    async timeline(caseId: string, actor: AuthenticatedActor, page: { limit: number; offset: number }) {
      const row = await prisma.case.findUnique({ where: { id: caseId }, select: { applicantId: true } });
      // Applicants see their own cases only; others' cases do not exist for them.
      if (!row || (!isStaff(actor) && row.applicantId !== actor.id)) throw notFound('case', caseId);
      const staff = isStaff(actor);
      const where = { caseId, ...(staff ? {} : { action: { not: 'task.commented' } }) };
      const [events, total, tasks] = await Promise.all([
        prisma.auditEvent.findMany({ where, orderBy: [{ at: 'asc' }, { id: 'asc' }], take: page.limit, skip: page.offset }),
        prisma.auditEvent.count({ where }),
        prisma.task.findMany({ where: { caseId }, select: { id: true, name: true } }),
      ]);
      const users = await prisma.user.findMany({
        where: { id: { in: [...new Set(events.map((e) => e.actor))] } },
        select: { id: true, name: true },
      });
      const userName = new Map(users.map((u) => [u.id, u.name]));
      const taskName = new Map(tasks.map((t) => [t.id, t.name]));
      const items: TimelineEntry[] = events.map((e) => {
        const details = e.details as { name?: string } | null;
        const name = (e.taskId ? taskName.get(e.taskId) : undefined) ?? details?.name ?? undefined;
        return {
          id: e.id.toString(),
          at: e.at,
          action: e.action,
          label: auditActionLabel(e.action),
          actor: e.actor,
          ...(userName.has(e.actor) || e.actor === 'system' ? { actorName: actorLabel(e.actor, userName.get(e.actor)) } : {}),
          elementId: e.elementId,
          taskId: e.taskId,
          ...(name ? { name } : {}),
          ...(staff ? { before: e.before, after: e.after, details: e.details } : {}),
        };
      });
      return { items, total };
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
