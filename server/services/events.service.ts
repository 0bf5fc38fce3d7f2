import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { mergeForm, validateJointForm } from '../../activities/catalog/form';
import {
  DEMO_LICENCE_HOLDINGS,
  predecessorsOf,
  reductionOf,
  resolveMaterials,
  type BundleItemMaterials,
} from '../../activities/catalog/materials';
import {
  eventCaseStateQuery,
  eventCaseSyncUpdate,
  type EventCaseInput,
  type EventCaseView,
  type EventItemPlan,
} from '../../workflows/event-case.workflow';
import type { Variables } from '../../workflows/engine/model';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { AppError, badRequest, forbidden, notFound } from '../errors';
import type { CatalogService } from './catalog.service';
import { isStaff } from './cases.service';
import type { DefinitionsService } from './definitions.service';
import { checkStartRule } from './start-rules';
import { businessId } from '../idempotency/context';
import { startWorkflowOnce } from '../temporal/start-once';
import { withFrontDesk } from './front-desk';

export interface StartEventCaseRequest {
  applicantId?: string;
  form: Variables;
  materials: { submitted: string[]; commitments: string[]; deferrals: string[] };
  prereviewId?: string;
}

/** Where an applicant's e-licences come from: the demo holds a fixed set; production asks the provincial 电子证照库. */
export type LicenceDirectory = (applicantId: string) => Promise<ReadonlySet<string>>;
export const demoLicenceDirectory: LicenceDirectory = async () => new Set(DEMO_LICENCE_HOLDINGS);

export function newEventCaseId(now = new Date()): string {
  return businessId('EV', 'event-case', now);
}

export function createEventsService(deps: {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  catalog: CatalogService;
  definitions: DefinitionsService;
  licences?: LicenceDirectory;
}) {
  const { prisma, temporal, taskQueue, catalog, definitions } = deps;
  const licences = deps.licences ?? demoLicenceDirectory;

  /** The bundle as applicants see it: items, joint form, one material set with each material once. */
  async function bundleOf(code: string) {
    const event = await catalog.event(code);
    const items = await catalog.itemsByCode(event.items.map((i) => i.code));
    for (const entry of event.items) if (!items.has(entry.code)) throw notFound('itemCode', entry.code);
    const preds = predecessorsOf(event.items);
    const ordered = event.items.map((entry) => ({ entry, item: items.get(entry.code)! }));
    const materialItems: BundleItemMaterials[] = ordered.map(({ entry, item }) => ({
      code: entry.code,
      materials: item.materials,
      producesLicence: item.producesLicence,
      predecessors: preds.get(entry.code) ?? new Set(),
    }));
    return { event, ordered, form: mergeForm(ordered.map(({ item }) => item)), materialItems };
  }

  const service = {
    async detailList(subject?: 'natural' | 'legal') {
      return catalog.events(subject);
    },

    async detail(code: string, actor?: AuthenticatedActor) {
      const { event, ordered, form, materialItems } = await bundleOf(code);
      const held = await licences(actor?.id ?? '');
      const resolved = resolveMaterials(materialItems, {
        licences: held,
        submitted: new Set(),
        commitments: new Set(),
        deferrals: new Set(),
      });
      return {
        ...event,
        items: ordered.map(({ entry, item }) => ({
          code: item.code,
          version: item.version,
          name: item.name,
          department: item.department,
          projectType: item.projectType,
          promisedLimit: item.promisedLimit,
          after: entry.after,
          resultName: item.resultName,
        })),
        form,
        materials: resolved.map((r) => ({
          ...r,
          sources: materialItems.flatMap((i) => i.materials).find((m) => m.code === r.code)?.sources,
        })),
        guideMaterialCount: materialItems.reduce((n, i) => n + i.materials.length, 0),
      };
    },

    /** 一件事一次办: validates the joint form and the one material set, then starts ONE combined case. */
    async start(code: string, request: StartEventCaseRequest, actor: AuthenticatedActor) {
      const applicantId = request.applicantId ?? actor.id;
      if (applicantId !== actor.id && !isStaff(actor)) throw forbidden('申请人只能为自己申请 (applicants can only apply for themselves)');
      const { event, ordered, form, materialItems } = await bundleOf(code);

      const submitted = new Set(request.materials.submitted);
      if (request.prereviewId) {
        const pre = await prisma.prereview.findUnique({ where: { id: request.prereviewId } });
        if (!pre) throw notFound('prereview', request.prereviewId);
        if (pre.applicantId !== applicantId) throw forbidden('预审记录不属于该申请人 (the pre-review belongs to another applicant)');
        if (pre.eventCode !== code)
          throw badRequest(`预审记录针对的不是 ${code} (the pre-review is for another event)`, {
            prereviewId: pre.id,
            eventCode: pre.eventCode,
          });
        if (pre.status === 'used')
          throw new AppError(409, 'CONFLICT', `预审记录 ${pre.id} 已用于正式申请 (already used by case ${pre.caseId})`);
        for (const m of pre.materials as { code: string; status?: string }[]) if (m.status === 'ok') submitted.add(m.code);
      }

      const issues = validateJointForm(form, request.form);
      const resolved = resolveMaterials(materialItems, {
        licences: await licences(applicantId),
        submitted,
        commitments: new Set(request.materials.commitments),
        deferrals: new Set(request.materials.deferrals),
      });
      for (const m of resolved.filter((r) => r.resolution === 'missing'))
        issues.push({ field: `materials.${m.code}`, message: `缺少材料：${m.name}${m.core ? '（核心要件，不可容缺）' : ''}` });
      if (issues.length)
        throw new AppError(
          400,
          'VALIDATION_FAILED',
          `申请不完整，请一次补正以下 ${issues.length} 项 (incomplete application; everything to fix is listed)`,
          issues,
        );

      const eventCaseId = newEventCaseId();
      const items: EventItemPlan[] = [];
      for (const [n, { entry, item }] of ordered.entries()) {
        const definition = await definitions.latestExecutable(item.processKey);
        checkStartRule(definition.process, actor, 'events');
        items.push({
          itemCode: item.code,
          itemId: item.id,
          itemVersion: item.version,
          name: item.name,
          department: item.department,
          resultName: item.resultName,
          producesLicence: item.producesLicence,
          after: entry.after,
          caseId: `${eventCaseId}-${String(n + 1).padStart(2, '0')}`,
          definitionId: definition.id,
          // 无差别受理: the 综合窗口 receives each item first unless the catalogue says otherwise.
          process: withFrontDesk(definition.process, item.reception),
        });
      }
      const input: EventCaseInput = {
        eventCaseId,
        eventCode: event.code,
        eventName: event.name,
        applicantId,
        startedBy: actor.id,
        form: request.form,
        materials: resolved as unknown as Variables[],
        reduction: reductionOf(materialItems, resolved),
        prereviewId: request.prereviewId,
        items,
      };
      const handle = await startWorkflowOnce(temporal, 'eventCaseWorkflow', {
        taskQueue,
        workflowId: `event-${eventCaseId}`,
        args: [input],
      });
      const view = await handle.executeUpdate(eventCaseSyncUpdate);
      return { ...view, applicantId, materials: resolved, reduction: input.reduction };
    },

    async get(id: string, actor: AuthenticatedActor) {
      const row = await prisma.eventCase.findUnique({ where: { id } });
      if (!row || (!isStaff(actor) && row.applicantId !== actor.id)) throw notFound('eventCase', id);
      let live: EventCaseView | undefined;
      try {
        live = await temporal.workflow.getHandle(row.workflowId).query(eventCaseStateQuery);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
      const reduction = { required: row.requiredCount, submitted: row.submittedCount, rate: rate(row.requiredCount, row.submittedCount) };
      return {
        eventCaseId: row.id,
        eventCode: row.eventCode,
        eventName: row.eventName,
        applicantId: row.applicantId,
        status: live?.status ?? row.status,
        items: live?.items ?? row.items,
        form: row.form,
        materials: row.materials,
        reduction,
        result: row.result,
        notice: row.notice,
        prereviewId: row.prereviewId,
        startedAt: row.startedAt,
        endedAt: row.endedAt,
      };
    },

    async list(actor: AuthenticatedActor, filter: { eventCode?: string; limit: number; offset: number }) {
      const where = { ...(isStaff(actor) ? {} : { applicantId: actor.id }), ...(filter.eventCode ? { eventCode: filter.eventCode } : {}) };
      const select = {
        id: true,
        eventCode: true,
        eventName: true,
        applicantId: true,
        status: true,
        startedAt: true,
        endedAt: true,
        requiredCount: true,
        submittedCount: true,
      } as const;
      const [items, total] = await Promise.all([
        prisma.eventCase.findMany({ where, select, orderBy: { startedAt: 'desc' }, take: filter.limit, skip: filter.offset }),
        prisma.eventCase.count({ where }),
      ]);
      return { items, total };
    },

    /** 材料精简率: across event cases, 1 − materials the applicant submitted / materials the items' guides require. */
    async materialReduction(filter: { from?: Date; to?: Date }) {
      const where = {
        ...(filter.from || filter.to
          ? { startedAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
          : {}),
      };
      const groups = await prisma.eventCase.groupBy({
        by: ['eventCode', 'eventName'],
        where,
        _sum: { requiredCount: true, submittedCount: true },
        _count: { _all: true },
      });
      const byEvent = groups.map((g) => {
        const required = g._sum.requiredCount ?? 0;
        const submitted = g._sum.submittedCount ?? 0;
        return {
          eventCode: g.eventCode,
          eventName: g.eventName,
          cases: g._count._all,
          required,
          submitted,
          rate: rate(required, submitted),
        };
      });
      const required = byEvent.reduce((n, e) => n + e.required, 0);
      const submitted = byEvent.reduce((n, e) => n + e.submitted, 0);
      return {
        cases: byEvent.reduce((n, e) => n + e.cases, 0),
        required,
        submitted,
        rate: rate(required, submitted),
        ratePercent: `${(rate(required, submitted) * 100).toFixed(1)}%`,
        // The district's reported reduction, beside the measured one (docs/rules.md#material-reduction).
        districtReported: { rate: 0.71, source: '莲湖区数据和行政审批局：精简材料，申请材料减少71%' },
        byEvent,
      };
    },
  };
  return service;
}

function rate(required: number, submitted: number): number {
  return required === 0 ? 0 : Math.round(((required - submitted) / required) * 1000) / 1000;
}

export type EventsService = ReturnType<typeof createEventsService>;
