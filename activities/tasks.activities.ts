import type { PrismaClient } from '../server/data/generated/client';
import type { TaskChange } from '../workflows/host/task-handlers';
import { writeAudit } from './audit';

/** Read-model projections of staff task changes (认领/委派/转办/意见), each with its audit record. */
export function createTaskActivities(prisma: PrismaClient) {
  return {
    async projectTaskChange(args: {
      caseId: string;
      taskId: string;
      elementId: string;
      version: number;
      actor: string;
      action: string;
      change: TaskChange;
      at: string;
      details?: unknown;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const before = await tx.task.findUnique({ where: { id: args.taskId } });
        // Idempotent and order-safe: a retried or late projection never rolls a newer version back.
        if (!before || before.version >= args.version) return;
        const { change } = args;
        await tx.task.update({
          where: { id: args.taskId },
          data: {
            version: args.version,
            ...('assignee' in change ? { assignee: change.assignee ?? null } : {}),
            ...('owner' in change ? { owner: change.owner ?? null } : {}),
            ...('delegationState' in change ? { delegationState: change.delegationState ?? null } : {}),
            ...(change.priority !== undefined ? { priority: change.priority } : {}),
            ...('dueAt' in change ? { dueAt: change.dueAt ? new Date(change.dueAt) : null } : {}),
            ...('followUpAt' in change ? { followUpAt: change.followUpAt ? new Date(change.followUpAt) : null } : {}),
          },
        });
        const was = Object.fromEntries(Object.keys(change).map((k) => [k, (before as Record<string, unknown>)[k] ?? null]));
        await writeAudit(tx, {
          actor: args.actor,
          action: args.action,
          caseId: args.caseId,
          taskId: args.taskId,
          elementId: args.elementId,
          before: { ...was, version: before.version },
          after: { ...change, version: args.version },
          details: args.details,
        });
      });
    },

    async recordTaskComment(args: {
      caseId: string;
      id: string;
      taskId: string;
      author: string;
      text: string;
      createdAt: string;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        if (await tx.taskComment.findUnique({ where: { id: args.id } })) return;
        const task = await tx.task.findUnique({ where: { id: args.taskId }, select: { elementId: true } });
        await tx.taskComment.create({
          data: {
            id: args.id,
            taskId: args.taskId,
            caseId: args.caseId,
            author: args.author,
            text: args.text,
            createdAt: new Date(args.createdAt),
          },
        });
        await writeAudit(tx, {
          actor: args.author,
          action: 'task.commented',
          caseId: args.caseId,
          taskId: args.taskId,
          elementId: task?.elementId,
          after: { commentId: args.id, text: args.text },
        });
      });
    },
  };
}
