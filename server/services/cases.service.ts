import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { caseStateQuery, syncUpdate, type CaseView } from '../../workflows/messages';
import { VARIABLES_LIMIT_BYTES, type Variables } from '../../workflows/engine/model';
import { isCron } from '../../workflows/engine/timers';
import type { AuthenticatedActor } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import type { PrismaClient } from '../data/generated/client';
import { badRequest, forbidden, notFound } from '../errors';
import { businessId } from '../idempotency/context';
import { startWorkflowOnce } from '../temporal/start-once';
import type { DefinitionsService } from './definitions.service';

export interface StartCaseRequest {
  processKey: string;
  applicantId?: string;
  title?: string;
  itemCode?: string;
  variables: Variables;
}

export interface CaseDetail extends CaseView {
  title: string;
  applicantId: string;
  startedAt: Date;
  endedAt: Date | null;
  result: unknown;
}

export function workflowIdOf(caseId: string): string {
  return `case-${caseId}`;
}

/** Case ids are business ids: date plus random suffix, e.g. HB20261128-7K3QF2 (derived from the Idempotency-Key when there is one). */
export function newCaseId(now = new Date()): string {
  return businessId('HB', 'case', now);
}

export function isStaff(actor: AuthenticatedActor): boolean {
  return actor.roles.some((r) => STAFF_ROLES.includes(r as never));
}

export function createCasesService(deps: { prisma: PrismaClient; temporal: Client; taskQueue: string; definitions: DefinitionsService }) {
  const { prisma, temporal, taskQueue, definitions } = deps;

  return {
    async start(request: StartCaseRequest, actor: AuthenticatedActor): Promise<CaseView> {
      const applicantId = request.applicantId ?? actor.id;
      if (applicantId !== actor.id && !isStaff(actor)) throw forbidden('申请人只能为自己申请 (applicants can only apply for themselves)');
      // Measured as the engine measures the case variables, so an accepted start cannot fail on size.
      const size = JSON.stringify(request.variables).length;
      if (size > VARIABLES_LIMIT_BYTES) throw badRequest(`表单数据过大 (variables too large): ${size} > ${VARIABLES_LIMIT_BYTES}`, { field: 'variables', size, limit: VARIABLES_LIMIT_BYTES });
      const definition = await definitions.latestExecutable(request.processKey);
      const start = definition.process.nodes[definition.process.startNodeIds[0] ?? ''];
      if (start?.event?.timer?.kind === 'cycle' && isCron(start.event.timer.value)) {
        throw badRequest(`流程 ${request.processKey} 由定时计划启动，不能手动启动 (this process starts on its cron schedule)`, { field: 'processKey', startEvent: start.id });
      }
      const caseId = newCaseId();
      const handle = await startWorkflowOnce(temporal, 'caseWorkflow', {
        taskQueue,
        workflowId: workflowIdOf(caseId),
        args: [
          {
            caseId,
            definitionId: definition.id,
            process: definition.process,
            variables: request.variables,
            title: request.title ?? definition.process.name ?? request.processKey,
            itemCode: request.itemCode,
            applicantId,
            startedBy: actor.id,
          },
        ],
      });
      // Return once the read model shows the case and its first tasks.
      return handle.executeUpdate(syncUpdate);
    },

    async get(caseId: string, actor: AuthenticatedActor): Promise<CaseDetail> {
      const row = await prisma.case.findUnique({ where: { id: caseId } });
      if (!row) throw notFound('case', caseId);
      if (!isStaff(actor) && row.applicantId !== actor.id) throw notFound('case', caseId); // do not reveal others' cases
      const live = await liveView(temporal, row.workflowId);
      const base = { title: row.title, applicantId: row.applicantId, startedAt: row.startedAt, endedAt: row.endedAt, result: row.result };
      if (live) return { ...live, ...base };
      return {
        ...base,
        caseId: row.id,
        definitionId: row.definitionId,
        processKey: row.processKey,
        status: row.status as CaseView['status'],
        activeElements: [],
        openTasks: [],
        variables: row.variables as Variables,
        path: [],
      };
    },

    async list(actor: AuthenticatedActor, filter: { status?: string; eventCaseId?: string; eventItems?: boolean; limit: number; offset: number }) {
      const staff = isStaff(actor);
      const eventItems = filter.eventItems ?? staff;
      const where = {
        ...(staff ? {} : { applicantId: actor.id }),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.eventCaseId ? { eventCaseId: filter.eventCaseId } : eventItems ? {} : { eventCaseId: null }),
      };
      const [items, total] = await Promise.all([
        prisma.case.findMany({ where, orderBy: { startedAt: 'desc' }, take: filter.limit, skip: filter.offset }),
        prisma.case.count({ where }),
      ]);
      return { items, total };
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;

/** Live state from the workflow; works for closed workflows too while Temporal retains them. */
async function liveView(temporal: Client, workflowId: string): Promise<CaseView | undefined> {
  try {
    return await temporal.workflow.getHandle(workflowId).query(caseStateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}
