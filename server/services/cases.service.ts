import { refreshDistrictCalendar } from '../../activities/calendar/registry';
import { deadlinesOf, dueProvisional, type DeadlineView } from './deadline-view';
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { caseStateQuery, syncUpdate, type CaseView } from '../../workflows/messages';
import { VARIABLES_LIMIT_BYTES, type StartChannel, type Variables } from '../../workflows/engine/model';
import { isCron } from '../../workflows/engine/timers';
import type { AuthenticatedActor } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import { Prisma, type PrismaClient } from '../data/generated/client';
import { badRequest, forbidden, notFound } from '../errors';
import { createCaseSearch, type CaseSearch } from './case-search';
import { businessId, isKeyed } from '../idempotency/context';
import type { DefinitionsService } from './definitions.service';
import { checkStartRule } from './start-rules';
import { receptionOf, withFrontDesk } from './front-desk';

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
  /** The applicant's name (the form's, else the account's). */
  applicantName: string;
  itemCode: string | null;
  startedAt: Date;
  endedAt: Date | null;
  result: unknown;
  /** The case's deadlines (办理期限, 容缺补齐期限 …), each marked 暂定 (provisional) where a year's notice is missing. */
  deadlines: DeadlineView[];
  /** The read model missed a write of this case (an open projection incident says which). */
  diverged: boolean;
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
  const caseSearch = createCaseSearch(prisma);

  return {
    /** Starts a case; `via` is the service asking, checked against the process's start rule. */
    async start(request: StartCaseRequest, actor: AuthenticatedActor, via: StartChannel = 'api'): Promise<CaseView> {
      const applicantId = request.applicantId ?? actor.id;
      if (applicantId !== actor.id && !isStaff(actor)) throw forbidden('申请人只能为自己申请 (applicants can only apply for themselves)');
      // Measured as the engine measures the case variables, so an accepted start cannot fail on size.
      const size = JSON.stringify(request.variables).length;
      if (size > VARIABLES_LIMIT_BYTES)
        throw badRequest(`表单数据过大 (variables too large): ${size} > ${VARIABLES_LIMIT_BYTES}`, {
          field: 'variables',
          size,
          limit: VARIABLES_LIMIT_BYTES,
        });
      const definition = await definitions.latestExecutable(request.processKey);
      checkStartRule(definition.process, actor, via);
      const start = definition.process.nodes[definition.process.startNodeIds[0] ?? ''];
      if (start?.event?.timer?.kind === 'cycle' && isCron(start.event.timer.value)) {
        throw badRequest(`流程 ${request.processKey} 由定时计划启动，不能手动启动 (this process starts on its cron schedule)`, {
          field: 'processKey',
          startEvent: start.id,
        });
      }
      // 无差别受理: a catalogue item's case is received at the 综合窗口 first unless the catalogue says otherwise.
      const item = request.itemCode
        ? await prisma.catalogItem.findFirst({ where: { code: request.itemCode, isLatest: true }, select: { data: true } })
        : null;
      const process = item ? withFrontDesk(definition.process, receptionOf(item.data)) : definition.process;
      const caseId = newCaseId();
      // Start and first read in one call: the update rides in the case's first workflow task.
      const startOperation = new WithStartWorkflowOperation('caseWorkflow', {
        taskQueue,
        workflowId: workflowIdOf(caseId),
        // A keyed retry after a crash attaches to the case its first attempt started; ids are never reused.
        workflowIdConflictPolicy: isKeyed() ? 'USE_EXISTING' : 'FAIL',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [
          {
            caseId,
            definitionId: definition.id,
            process,
            variables: request.variables,
            title: request.title ?? definition.process.name ?? request.processKey,
            itemCode: request.itemCode,
            applicantId,
            startedBy: actor.id,
            calendar: await refreshDistrictCalendar(prisma),
          },
        ],
      });
      // Return once the read model shows the case and its first tasks.
      return temporal.workflow.executeUpdateWithStart(syncUpdate, { startWorkflowOperation: startOperation });
    },

    async get(caseId: string, actor: AuthenticatedActor): Promise<CaseDetail> {
      const row = await prisma.case.findUnique({ where: { id: caseId } });
      if (!row) throw notFound('case', caseId);
      if (!isStaff(actor) && row.applicantId !== actor.id) throw notFound('case', caseId); // do not reveal others' cases
      const [live, user] = await Promise.all([
        liveView(temporal, row.workflowId, row.endedAt !== null),
        prisma.user.findUnique({ where: { id: row.applicantId }, select: { name: true } }),
      ]);
      await refreshDistrictCalendar(prisma);
      const applicantName = ((row.variables as Variables | null)?.applicantName as string | undefined) ?? user?.name ?? row.applicantId;
      const base = {
        title: row.title,
        applicantId: row.applicantId,
        applicantName,
        itemCode: row.itemCode,
        startedAt: row.startedAt,
        endedAt: row.endedAt,
        result: row.result,
        diverged: row.diverged,
      };
      if (live)
        return {
          ...live,
          ...base,
          deadlines: deadlinesOf(live.variables),
          openTasks: live.openTasks.map((t) => ({ ...t, dueProvisional: dueProvisional(t.dueAt) })),
        };
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
        deadlines: row.status === 'running' ? deadlinesOf(row.variables as Variables) : [],
      };
    },

    async list(
      actor: AuthenticatedActor,
      filter: CaseSearch & { eventCaseId?: string; eventItems?: boolean; limit: number; offset: number },
    ) {
      const staff = isStaff(actor);
      const eventItems = filter.eventItems ?? staff;
      const search: CaseSearch = { ...filter, applicantId: staff ? undefined : actor.id };
      let rows;
      let total: number;
      if (caseSearch.hasFilter(search)) {
        const extra = filter.eventCaseId
          ? [Prisma.sql`c.event_case_id = ${filter.eventCaseId}`]
          : eventItems
            ? []
            : [Prisma.sql`c.event_case_id IS NULL`];
        const page = await caseSearch.page(search, extra, filter);
        const found = await prisma.case.findMany({ where: { id: { in: page.ids } } });
        rows = page.ids.map((id) => found.find((r) => r.id === id)!).filter(Boolean);
        total = page.total;
      } else {
        const where = {
          ...(staff ? {} : { applicantId: actor.id }),
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.eventCaseId ? { eventCaseId: filter.eventCaseId } : eventItems ? {} : { eventCaseId: null }),
        };
        [rows, total] = await Promise.all([
          prisma.case.findMany({ where, orderBy: { startedAt: 'desc' }, take: filter.limit, skip: filter.offset }),
          prisma.case.count({ where }),
        ]);
      }
      // 申请人 by name: the form's name where given, else the account's name.
      const users = await prisma.user.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.applicantId))] } },
        select: { id: true, name: true },
      });
      const items = rows.map((r) => ({
        ...r,
        applicantName:
          ((r.variables as Variables | null)?.applicantName as string | undefined) ??
          users.find((u) => u.id === r.applicantId)?.name ??
          r.applicantId,
      }));
      return { items, total };
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;

/**
 * Live state from the workflow; works for closed workflows too while Temporal retains them. An
 * ended case answers from its result (the final view, read from the close event) instead of a
 * query, which would replay the whole history on a worker.
 */
async function liveView(temporal: Client, workflowId: string, ended: boolean): Promise<CaseView | undefined> {
  try {
    const handle = temporal.workflow.getHandle(workflowId);
    if (ended) {
      const final = await handle.result().catch((err: unknown) => (err instanceof WorkflowNotFoundError ? Promise.reject(err) : undefined));
      if (final) return final as CaseView;
    }
    return await handle.query(caseStateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}
