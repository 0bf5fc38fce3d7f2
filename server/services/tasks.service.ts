import type { Client } from '@temporalio/client';
import { completeTaskUpdate, type CaseView } from '../../workflows/messages';
import type { Variables } from '../../workflows/engine/model';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient, Prisma } from '../data/generated/client';
import { notFound } from '../errors';
import { translateUpdateError } from '../temporal/update-errors';
import { isStaff } from './cases.service';

export function createTasksService(deps: { prisma: PrismaClient; temporal: Client }) {
  const { prisma, temporal } = deps;

  return {
    /** The caller's inbox: open tasks assigned to them or offered to them or their groups. */
    async list(actor: AuthenticatedActor, filter: { mine: boolean; caseId?: string; status: string; limit: number; offset: number }) {
      const mine: Prisma.TaskWhereInput = {
        OR: [
          { assignee: actor.id },
          { assignee: null, candidateUsers: { has: actor.id } },
          { assignee: null, candidateGroups: { hasSome: actor.groups } },
          { assignee: null, candidateUsers: { isEmpty: true }, candidateGroups: { isEmpty: true } },
        ],
      };
      const where: Prisma.TaskWhereInput = {
        status: filter.status,
        ...(filter.caseId ? { caseId: filter.caseId } : {}),
        ...(filter.mine || !isStaff(actor) ? mine : {}),
      };
      const [items, total] = await Promise.all([
        prisma.task.findMany({
          where,
          orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }],
          take: filter.limit,
          skip: filter.offset,
          include: { case: { select: { title: true, applicantId: true, processKey: true } } },
        }),
        prisma.task.count({ where }),
      ]);
      return { items, total };
    },

    async get(taskId: string) {
      const task = await prisma.task.findUnique({ where: { id: taskId }, include: { case: { select: { title: true, workflowId: true, applicantId: true } } } });
      if (!task) throw notFound('task', taskId);
      return task;
    },

    /** Completes a task through the case workflow's `completeTask` update; its validator decides. */
    async complete(taskId: string, actor: AuthenticatedActor, variables: Variables): Promise<CaseView> {
      const task = await prisma.task.findUnique({ where: { id: taskId }, include: { case: { select: { workflowId: true } } } });
      if (!task) throw notFound('task', taskId);
      try {
        return await temporal.workflow
          .getHandle(task.case.workflowId)
          .executeUpdate(completeTaskUpdate, { args: [{ taskId, actor: { id: actor.id, roles: actor.roles, groups: actor.groups }, variables }] });
      } catch (err) {
        translateUpdateError(err);
      }
    },
  };
}

export type TasksService = ReturnType<typeof createTasksService>;
