import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { predictNextSteps } from '../../activities/notifications/next-steps';
import { FRONT_DESK, withFrontDesk } from './front-desk';
import type { Channel } from '../../activities/notifications/channels/types';
import type { CompiledProcess, Variables } from '../../workflows/engine/model';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { badRequest } from '../errors';
import type { CasesService } from './cases.service';
import type { MaterialsService } from './materials.service';

export function dispatcherWorkflowId(taskQueue: string): string {
  return `notification-dispatcher-${taskQueue}`;
}

export function createNotificationsService(deps: {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  cases: CasesService;
  materials: MaterialsService;
}) {
  const { prisma, temporal, taskQueue, cases, materials } = deps;
  return {
    /** Starts the outbox dispatcher once per task queue (a second start is a no-op). */
    async ensureDispatcher(): Promise<void> {
      try {
        await temporal.workflow.start('notificationDispatcherWorkflow', {
          taskQueue,
          workflowId: dispatcherWorkflowId(taskQueue),
          args: [],
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    },

    /** The applicant's in-app inbox: delivered in-app notifications, newest first. */
    async inbox(actor: AuthenticatedActor, page: { limit: number; offset: number }) {
      const where = { applicantId: actor.id, channel: 'in-app', status: 'sent' };
      const [rows, total] = await Promise.all([
        prisma.notificationOutbox.findMany({ where, orderBy: { createdAt: 'desc' }, take: page.limit, skip: page.offset }),
        prisma.notificationOutbox.count({ where }),
      ]);
      return {
        items: rows.map((r) => ({ id: r.id, caseId: r.caseId, event: r.event, sentAt: r.sentAt, ...(r.payload as object) })),
        total,
      };
    },

    async preferences(actor: AuthenticatedActor) {
      const rows = await prisma.notificationPreference.findMany({ where: { applicantId: actor.id } });
      const channels: Channel[] = ['in-app', 'sms', 'wechat', 'webhook'];
      return {
        items: channels.map((channel) => {
          const row = rows.find((r) => r.channel === channel);
          return { channel, enabled: row ? row.enabled : channel !== 'webhook', address: row?.address ?? null };
        }),
      };
    },

    async setPreference(actor: AuthenticatedActor, channel: Channel, body: { enabled: boolean; address?: string | null }) {
      if (channel === 'webhook' && body.enabled && !body.address) {
        const existing = await prisma.notificationPreference.findUnique({
          where: { applicantId_channel: { applicantId: actor.id, channel } },
        });
        if (!existing?.address) throw badRequest('开启回调通知需要提供回调地址 (a webhook needs an address)', { field: 'address' });
      }
      const row = await prisma.notificationPreference.upsert({
        where: { applicantId_channel: { applicantId: actor.id, channel } },
        create: { applicantId: actor.id, channel, enabled: body.enabled, address: body.address ?? null },
        update: { enabled: body.enabled, ...(body.address !== undefined ? { address: body.address } : {}) },
      });
      return { channel: row.channel, enabled: row.enabled, address: row.address };
    },

    /** Every notification of a case with its delivery state (the owner or staff). */
    async ofCase(caseId: string, actor: AuthenticatedActor) {
      await cases.get(caseId, actor); // 404 for others' cases
      const items = await prisma.notificationOutbox.findMany({ where: { caseId }, orderBy: [{ createdAt: 'asc' }, { channel: 'asc' }] });
      return { items, total: items.length };
    },

    /** Real-time progress: where the case is, what comes next (from the graph), what is needed, by when. */
    async progress(caseId: string, actor: AuthenticatedActor) {
      const view = await cases.get(caseId, actor);
      const def = await prisma.processDefinition.findUnique({ where: { id: view.definitionId }, select: { graph: true } });
      const vars = view.variables as Variables;
      const waiting = view.activeElements;
      // A case waiting at the 综合窗口 runs its definition with the 无差别受理 step in front (front-desk.ts).
      const graph =
        def && (waiting.includes(FRONT_DESK.task) ? withFrontDesk(def.graph as unknown as CompiledProcess, undefined) : def.graph);
      const next =
        graph && view.status === 'running' ? predictNextSteps(graph as unknown as CompiledProcess, waiting, vars, view.applicantId) : [];
      const deadline = ['supplementDueAt', 'decisionDueAt', 'licenceDueAt'].map((k) => vars[k]).find((v) => typeof v === 'string') ?? null;
      return {
        caseId,
        status: view.status,
        current: view.openTasks.map((t) => ({ elementId: t.elementId, name: t.name })),
        next: next.map((s) => ({ elementId: s.elementId, name: s.name })),
        // Materials handed in since drop out; files staff asked to be corrected are added (申请材料).
        needed: await materials.neededFromApplicant(caseId, Array.isArray(vars.neededFromApplicant) ? vars.neededFromApplicant : []),
        deadline,
      };
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
