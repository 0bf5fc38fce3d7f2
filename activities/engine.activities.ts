import { ApplicationFailure } from '@temporalio/activity';
import type { Prisma, PrismaClient } from '../server/data/generated/client';
import type { CompiledProcess, Incident, Variables } from '../workflows/engine/model';
import { writeAudit } from './audit';
import { enqueueCaseNotification } from './notifications/outbox';

export interface TimelineEntry {
  event: 'element.entered' | 'element.left';
  elementId: string;
  nodeType: string;
  name?: string;
  /** When it happened in the case (workflow time), not when the projection ran. */
  at: string;
  actor?: string;
  tokenId: string;
  cancelled?: boolean;
}

/** Engine projections: the element timeline, incidents, clock pauses, and loading called processes. */
export function createEngineActivities(prisma: PrismaClient) {
  return {
    /** Every element entered and left, with its time and actor; one transaction per engine step. */
    async recordTimeline(args: { caseId: string; entries: TimelineEntry[] }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        // Idempotent on retry: the same token's same event is written once.
        const existing = await tx.auditEvent.findMany({
          where: {
            caseId: args.caseId,
            action: { in: ['element.entered', 'element.left'] },
            elementId: { in: args.entries.map((e) => e.elementId) },
          },
          select: { action: true, details: true },
        });
        const seen = new Set(existing.map((e) => `${e.action}|${(e.details as { tokenId?: string } | null)?.tokenId}`));
        for (const entry of args.entries) {
          if (seen.has(`${entry.event}|${entry.tokenId}`)) continue;
          await writeAudit(tx, {
            actor: entry.actor ?? 'system',
            action: entry.event,
            caseId: args.caseId,
            elementId: entry.elementId,
            details: {
              nodeType: entry.nodeType,
              name: entry.name,
              at: entry.at,
              tokenId: entry.tokenId,
              ...(entry.cancelled ? { cancelled: true } : {}),
            },
          });
        }
      });
    },

    async recordIncident(args: { caseId: string; incident: Incident }): Promise<void> {
      const { incident } = args;
      await prisma.$transaction(async (tx) => {
        if (await tx.incident.findUnique({ where: { id: incident.id } })) return;
        await tx.incident.create({
          data: {
            id: incident.id,
            caseId: args.caseId,
            elementId: incident.elementId,
            tokenId: incident.tokenId,
            kind: incident.kind,
            message: incident.message,
            status: 'open',
            raisedAt: new Date(incident.at),
          },
        });
        await writeAudit(tx, {
          actor: 'system',
          action: 'incident.raised',
          caseId: args.caseId,
          elementId: incident.elementId,
          after: incident,
        });
      });
    },

    async closeIncident(args: { caseId: string; incidentId: string; actor: string; how: 'retried' | 'resolved' }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const before = await tx.incident.findUnique({ where: { id: args.incidentId } });
        if (!before || before.status !== 'open') return;
        await tx.incident.update({
          where: { id: args.incidentId },
          data: { status: args.how, closedAt: new Date(), closedBy: args.actor, resolution: args.how },
        });
        await writeAudit(tx, {
          actor: args.actor,
          action: `incident.${args.how}`,
          caseId: args.caseId,
          elementId: before.elementId,
          before: { status: before.status },
          after: { status: args.how },
        });
      });
    },

    async recordClock(args: {
      caseId: string;
      action: 'clock.pause' | 'clock.resume';
      actor: string;
      reason?: string;
      at: string;
      deadlines?: Record<string, unknown>;
      deadlinesBefore?: Record<string, unknown>;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        if (args.deadlines) {
          await mergeCaseVariables(tx, args.caseId, args.deadlines);
          await moveTaskDueDates(tx, args.caseId, args.deadlinesBefore ?? {}, args.deadlines);
          await noticeOfMovedDeadline(tx, args.caseId, `clock:${args.at}`, args.deadlines, '特别程序结束，恢复计时，办理期限相应顺延');
        }
        await writeAudit(tx, {
          actor: args.actor,
          action: args.action,
          caseId: args.caseId,
          details: { reason: args.reason, at: args.at },
          ...(args.deadlines ? { after: args.deadlines } : {}),
        });
      });
    },

    /** A year's holiday notice reached the case: deadlines and working-day timers moved, one audit record. */
    async recordCalendar(args: {
      caseId: string;
      actor: string;
      year: number;
      notice: string;
      at: string;
      before: CalendarMove;
      after: CalendarMove;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await mergeCaseVariables(tx, args.caseId, args.after.deadlines);
        await moveTaskDueDates(tx, args.caseId, args.before.deadlines, args.after.deadlines);
        const moved = Object.fromEntries(Object.entries(args.after.deadlines).filter(([k, v]) => args.before.deadlines[k] !== v));
        await noticeOfMovedDeadline(
          tx,
          args.caseId,
          `calendar:${args.year}:${args.notice}`,
          moved,
          `按${args.year}年节假日安排（${args.notice}）重新计算，办理期限调整`,
        );
        await writeAudit(tx, {
          actor: args.actor,
          action: 'calendar.applied',
          caseId: args.caseId,
          before: args.before,
          after: args.after,
          details: { year: args.year, notice: args.notice, at: args.at },
        });
      });
    },

    /** A case cancelled from outside (its calling case moved on): terminated, with an audit record. */
    async closeCancelledCase(args: { caseId: string; variables: Variables; at: string }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const before = await tx.case.findUnique({ where: { id: args.caseId }, select: { status: true } });
        if (!before || before.status !== 'running') return;
        await tx.case.update({
          where: { id: args.caseId },
          data: { status: 'terminated', variables: args.variables as object, endedAt: new Date(args.at) },
        });
        await writeAudit(tx, {
          actor: 'system',
          action: 'case.terminated',
          caseId: args.caseId,
          before: { status: before.status },
          after: { status: 'terminated' },
          details: { reason: 'cancelled by the calling case' },
        });
      });
    },

    /** One stored definition version's compiled graph (a timer start schedule starts a case of it). */
    async loadDefinition(args: { definitionId: string }): Promise<{ definitionId: string; process: CompiledProcess }> {
      const row = await prisma.processDefinition.findUnique({ where: { id: args.definitionId }, select: { id: true, graph: true } });
      if (!row)
        throw ApplicationFailure.nonRetryable(`流程定义 ${args.definitionId} 不存在 (process definition not found)`, 'DefinitionNotFound');
      return { definitionId: row.id, process: row.graph as unknown as CompiledProcess };
    },

    /**
     * The process a call activity starts: `latest` = newest version now; `deployment` = the newest
     * version deployed no later than the calling definition (the version it was deployed with).
     */
    async loadCalledProcess(args: {
      processKey: string;
      binding: 'latest' | 'deployment';
      parentDefinitionId: string;
    }): Promise<{ definitionId: string; process: CompiledProcess }> {
      let deployedBefore: Date | undefined;
      if (args.binding === 'deployment') {
        const parent = await prisma.processDefinition.findUnique({ where: { id: args.parentDefinitionId }, select: { deployedAt: true } });
        deployedBefore = parent?.deployedAt;
      }
      const row = await prisma.processDefinition.findFirst({
        where: { key: args.processKey, ...(deployedBefore ? { deployedAt: { lte: deployedBefore } } : {}) },
        orderBy: { version: 'desc' },
        select: { id: true, graph: true },
      });
      if (!row)
        throw ApplicationFailure.nonRetryable(
          `被调用的流程 ${args.processKey} 未部署 (called process is not deployed)`,
          'CalledProcessNotFound',
        );
      return { definitionId: row.id, process: row.graph as unknown as CompiledProcess };
    },
  };
}

interface CalendarMove {
  deadlines: Record<string, unknown>;
  timers: { elementId: string; dueAt?: string }[];
}

/** Writes moved deadline variables into the read model's copy of the case variables. */
async function mergeCaseVariables(
  tx: Pick<Prisma.TransactionClient, 'case'>,
  caseId: string,
  vars: Record<string, unknown>,
): Promise<void> {
  if (Object.keys(vars).length === 0) return;
  const row = await tx.case.findUnique({ where: { id: caseId }, select: { variables: true } });
  if (!row) return;
  await tx.case.update({ where: { id: caseId }, data: { variables: { ...((row.variables ?? {}) as object), ...vars } as object } });
}

/** Tells the applicant the new date when a deadline they were given moved (the same outbox as every notice). */
async function noticeOfMovedDeadline(
  tx: Prisma.TransactionClient,
  caseId: string,
  discriminator: string,
  moved: Record<string, unknown>,
  body: string,
): Promise<void> {
  const deadline = Object.values(moved).find((v): v is string => typeof v === 'string');
  if (!deadline) return;
  const row = await tx.case.findUnique({ where: { id: caseId }, select: { title: true } });
  await enqueueCaseNotification(tx, {
    caseId,
    event: 'notice',
    discriminator,
    notice: { title: `期限调整：${row?.title ?? caseId}`, body, deadline },
  });
}

/** Open tasks due on a deadline that moved (dueDate "=decisionDueAt") move with it in the inbox. */
async function moveTaskDueDates(
  tx: Pick<Prisma.TransactionClient, 'task'>,
  caseId: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  for (const [name, to] of Object.entries(after)) {
    const from = before[name];
    if (typeof from !== 'string' || typeof to !== 'string' || from === to) continue;
    await tx.task.updateMany({ where: { caseId, status: 'open', dueAt: new Date(from) }, data: { dueAt: new Date(to) } });
  }
}
