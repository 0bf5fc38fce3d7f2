import type { PrismaClient } from '../server/data/generated/client';
import type { OpenTask, Variables } from '../workflows/engine/model';
import { writeAudit } from './audit';
import { mergeCaseVariables } from './case-variables';
import { enqueueCaseNotification } from './notifications/outbox';

const SYSTEM = 'system';

/** Read-model projections of a case's life, each with its audit record in one transaction. */
export function createCaseActivities(prisma: PrismaClient) {
  return {
    async createCase(args: {
      caseId: string;
      definitionId: string;
      processKey: string;
      title: string;
      itemCode?: string;
      applicantId: string;
      startedBy: string;
      variables: Variables;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        // Idempotent: an activity retried after a lost acknowledgement must not fail or duplicate.
        const existing = await tx.case.findUnique({ where: { id: args.caseId } });
        if (existing) return;
        await tx.case.create({
          data: {
            id: args.caseId,
            workflowId: `case-${args.caseId}`,
            definitionId: args.definitionId,
            processKey: args.processKey,
            itemCode: args.itemCode,
            eventCaseId: typeof args.variables.eventCaseId === 'string' ? args.variables.eventCaseId : null,
            title: args.title,
            applicantId: args.applicantId,
            status: 'running',
            variables: args.variables as object,
          },
        });
        await writeAudit(tx, {
          actor: args.startedBy,
          action: 'case.started',
          caseId: args.caseId,
          after: { processKey: args.processKey, variables: args.variables },
        });
      });
    },

    async recordElementEntered(args: { caseId: string; elementId: string; nodeType: string; name?: string }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await writeAudit(tx, {
          actor: SYSTEM,
          action: 'element.entered',
          caseId: args.caseId,
          elementId: args.elementId,
          details: { nodeType: args.nodeType, name: args.name },
        });
      });
    },

    async openTask(args: { caseId: string; task: OpenTask }): Promise<void> {
      const { task } = args;
      await prisma.$transaction(async (tx) => {
        if (await tx.task.findUnique({ where: { id: task.taskId } })) return;
        await tx.task.create({
          data: {
            id: task.taskId,
            caseId: args.caseId,
            elementId: task.elementId,
            name: task.name,
            status: 'open',
            assignee: task.assignment.assignee,
            candidateGroups: task.assignment.candidateGroups ?? [],
            candidateUsers: task.assignment.candidateUsers ?? [],
            formKey: task.formKey,
            createdAt: new Date(task.createdAt),
            ...(task.dueAt ? { dueAt: new Date(task.dueAt) } : {}),
            ...(task.followUpAt ? { followUpAt: new Date(task.followUpAt) } : {}),
            ...(task.priority !== undefined ? { priority: task.priority } : {}),
          },
        });
        await writeAudit(tx, {
          actor: SYSTEM,
          action: 'task.opened',
          caseId: args.caseId,
          taskId: task.taskId,
          elementId: task.elementId,
          after: task,
        });
        await enqueueCaseNotification(tx, {
          caseId: args.caseId,
          event: 'task.opened',
          discriminator: task.taskId,
          activeElementIds: [task.elementId],
          stepName: task.name,
        });
      });
    },

    async closeTask(args: { caseId: string; taskId: string; actor: string; variables: Variables; cancelled?: boolean }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const before = await tx.task.findUnique({ where: { id: args.taskId } });
        if (!before || before.status === 'completed' || before.status === 'cancelled') return;
        if (args.cancelled) {
          // Interrupted by a boundary event, terminate or a completion condition: not done by anyone.
          await tx.task.update({ where: { id: args.taskId }, data: { status: 'cancelled', completedAt: new Date() } });
          await writeAudit(tx, {
            actor: args.actor,
            action: 'task.cancelled',
            caseId: args.caseId,
            taskId: args.taskId,
            elementId: before.elementId,
            before: { status: before.status },
            after: { status: 'cancelled' },
          });
          return;
        }
        await tx.task.update({
          where: { id: args.taskId },
          data: { status: 'completed', completedAt: new Date(), completedBy: args.actor, outcome: args.variables as object },
        });
        await mergeCaseVariables(tx, args.caseId, args.variables);
        await writeAudit(tx, {
          actor: args.actor,
          action: 'task.completed',
          caseId: args.caseId,
          taskId: args.taskId,
          elementId: before.elementId,
          before: { status: before.status },
          after: { status: 'completed', variables: args.variables },
        });
      });
    },

    async finishCase(args: {
      caseId: string;
      status: 'completed' | 'failed';
      variables: Variables;
      failure?: { elementId: string; message: string };
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const before = await tx.case.findUnique({ where: { id: args.caseId } });
        if (!before || before.status === args.status) return;
        await tx.case.update({
          where: { id: args.caseId },
          data: { status: args.status, variables: args.variables as object, endedAt: new Date() },
        });
        await writeAudit(tx, {
          actor: SYSTEM,
          action: `case.${args.status}`,
          caseId: args.caseId,
          elementId: args.failure?.elementId,
          before: { status: before.status },
          after: { status: args.status },
          details: args.failure,
        });
        await enqueueCaseNotification(tx, { caseId: args.caseId, event: `case.${args.status}`, variables: args.variables });
      });
    },
  };
}
