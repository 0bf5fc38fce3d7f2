import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Variables } from '../../workflows/engine/model';
import {
  incidentActionUpdate,
  pauseClockUpdate,
  publishMessageUpdate,
  resumeClockUpdate,
  type CaseView,
  type PublishMessageResult,
} from '../../workflows/messages';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { conflict, notFound } from '../errors';
import { translateUpdateError } from '../temporal/update-errors';
import { resolveProjectionIncident } from './projection-incidents';

/** Engine refusals that mean "not in that state": 409. */
const CONFLICTS = new Set(['IncidentNotOpen', 'ClockAlreadyPaused', 'ClockNotPaused', 'CaseNotRunning']);

function translate(err: unknown): never {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && CONFLICTS.has(err.cause.type ?? '')) {
    throw conflict(err.cause.message);
  }
  return translateUpdateError(err);
}

/**
 * How long a published message nobody waits for yet stays buffered in the case when the request
 * names no `timeToLive` (Camunda 8's default message TTL is also PT1H).
 */
export const MESSAGE_DEFAULTS = { timeToLive: 'PT1H' };

/** Incidents (故障) and the engine's case-level operations: messages and the statutory clock. */
export function createIncidentsService(deps: { prisma: PrismaClient; temporal: Client; messageTimeToLive?: string }) {
  const { prisma, temporal } = deps;
  const defaultTimeToLive = deps.messageTimeToLive ?? MESSAGE_DEFAULTS.timeToLive;

  const runningCase = async (caseId: string) => {
    const row = await prisma.case.findUnique({ where: { id: caseId }, select: { workflowId: true, status: true } });
    if (!row) throw notFound('case', caseId);
    if (row.status !== 'running') throw conflict(`案件 ${caseId} 已结束 (the case is not running)`);
    return temporal.workflow.getHandle(row.workflowId);
  };

  return {
    async list(filter: { status?: string; caseId?: string; limit: number; offset: number }) {
      const where = { ...(filter.status ? { status: filter.status } : {}), ...(filter.caseId ? { caseId: filter.caseId } : {}) };
      const [items, total] = await Promise.all([
        prisma.incident.findMany({ where, orderBy: { raisedAt: 'desc' }, take: filter.limit, skip: filter.offset }),
        prisma.incident.count({ where }),
      ]);
      return { items, total };
    },

    async get(id: string) {
      const row = await prisma.incident.findUnique({ where: { id } });
      if (!row) throw notFound('incident', id);
      return row;
    },

    /** Retry the failed step, or resolve the incident (optionally with variables) and move on. */
    async act(
      id: string,
      action: 'retry' | 'resolve',
      actor: AuthenticatedActor,
      variables?: Variables,
    ): Promise<CaseView | Awaited<ReturnType<typeof resolveProjectionIncident>>> {
      const incident = await this.get(id);
      if (incident.status !== 'open') throw conflict(`事件 ${id} 已处理 (incident is ${incident.status})`);
      if (incident.kind === 'projection') return resolveProjectionIncident(prisma, incident, action, actor.id);
      const handle = await runningCase(incident.caseId);
      try {
        return await handle.executeUpdate(incidentActionUpdate, { args: [{ incidentId: id, action, actor: actor.id, variables }] });
      } catch (err) {
        return translate(err);
      }
    },

    /**
     * A BPMN message for the case's catch events (correlated by name and key inside the case): taken
     * at once by a waiting subscription, else buffered for its time-to-live and correlated once when
     * a matching catch event, receive task, boundary or event-subprocess start opens.
     */
    async message(
      caseId: string,
      message: { name: string; correlationKey?: string; variables?: Variables; timeToLive?: string },
    ): Promise<PublishMessageResult> {
      const handle = await runningCase(caseId);
      try {
        return await handle.executeUpdate(publishMessageUpdate, {
          args: [{ ...message, timeToLive: message.timeToLive ?? defaultTimeToLive }],
        });
      } catch (err) {
        return translate(err);
      }
    },

    async clock(caseId: string, action: 'pause' | 'resume', actor: AuthenticatedActor, reason?: string): Promise<CaseView> {
      const handle = await runningCase(caseId);
      try {
        return await handle.executeUpdate(action === 'pause' ? pauseClockUpdate : resumeClockUpdate, {
          args: [{ actor: actor.id, reason }],
        });
      } catch (err) {
        return translate(err);
      }
    },
  };
}

export type IncidentsService = ReturnType<typeof createIncidentsService>;
