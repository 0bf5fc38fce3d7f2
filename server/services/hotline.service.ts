import { timingSafeEqual } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { HotlineOrder as HotlineOrderRow, PrismaClient } from '../data/generated/client';
import { AppError, badRequest, notFound, unauthorized } from '../errors';
import { HOTLINE_DEADLINES } from '../../workflows/machines/deadlines';
import type { HotlineCategory, HotlineOrderInput } from '../../workflows/machines/hotline-order.machine';
import type { MachineView } from '../../workflows/host/xstate-host';
import type { FallbackService } from './fallback.service';
import { DEPARTMENTS } from './machines/directory';
import type { MachineClient } from './machines/machine-client';
import { deadlinesFor, machineClock } from './machines/machine-config';
import { findRepeats, repeatConfig, type OrderText } from './machines/repeat-detection';

export interface HotlineOrderRequest {
  orderId: string;
  callerPhone: string;
  callerName?: string;
  subject?: string;
  category: HotlineCategory;
  content: string;
  receivedAt?: string;
}

export interface IntakeResult {
  duplicate: boolean;
  order: MachineView;
  repeat?: { relatedOrderIds: string[]; fallbackId: string; scores: Record<string, number> };
}

/** The 12345 dispatcher who holds 派单 of every received order. */
export const HOTLINE_DISPATCHER = 'hotline-dispatcher';
const MAX_CORPUS = 2000;

/** 12345 work orders: idempotent intake, repeat detection with 并单 into a "办不成事" record, and order events. */
export function createHotlineService(deps: { prisma: PrismaClient; machines: MachineClient; fallback: FallbackService }) {
  const { prisma, machines, fallback } = deps;

  async function detectAndMerge(order: OrderText, callerName: string | undefined): Promise<IntakeResult['repeat']> {
    const config = repeatConfig();
    const since = new Date(order.receivedAt.getTime() - config.windowDays * 86_400_000);
    const window = await prisma.hotlineOrder.findMany({ where: { receivedAt: { gte: since, lte: order.receivedAt } }, orderBy: { receivedAt: 'desc' }, take: MAX_CORPUS });
    const recent = window.filter((o) => o.id !== order.id).map((o) => ({ id: o.id, callerPhone: o.callerPhone, subject: o.subject, content: o.content, receivedAt: o.receivedAt, mergedInto: o.mergedInto }));
    const result = findRepeats(order, recent, config, window.map((o) => o.content).concat(order.content));
    if (!result.isRepeat) return undefined;
    const ids = [order.id, ...result.related.map((r) => r.id)];
    const existing = recent.find((o) => ids.includes(o.id) && o.mergedInto)?.mergedInto ?? undefined;
    let fallbackId: string;
    if (existing) {
      fallbackId = existing;
      await machines.send('fallback', fallbackId, { type: 'fallback.linkOrders', orderIds: ids }, 'system').catch(ignoreConflict);
    } else {
      const opened = await fallback.register(
        {
          matter: `12345重复诉求（${ids.length} 件，并单）：${order.content}`,
          applicant: { name: callerName ?? '12345来电人', phone: order.callerPhone },
          hotlineOrderIds: ids,
        },
        'system',
      );
      fallbackId = opened.instanceId;
    }
    for (const id of ids) {
      await machines.send('hotline', id, { type: 'order.merge', fallbackId }, 'system').catch(ignoreConflict);
    }
    await prisma.hotlineOrder.updateMany({ where: { id: { in: ids }, mergedInto: null }, data: { mergedInto: fallbackId } });
    return { relatedOrderIds: result.related.map((r) => r.id), fallbackId, scores: Object.fromEntries(result.related.map((r) => [r.id, Number(r.score.toFixed(3))])) };
  }

  /** Each order with its work-order machine's state, status, responsible department and current deadline. */
  async function withMachineState<T extends { id: string }>(rows: T[]) {
    const machinesOf = await prisma.machineInstance.findMany({ where: { id: { in: rows.map((r) => r.id) }, kind: 'hotline' } });
    return rows.map((row) => {
      const m = machinesOf.find((x) => x.id === row.id);
      return { ...row, states: m?.states ?? [], status: m?.status ?? null, department: m?.department ?? null, holder: m?.holder ?? null, deadline: (m?.context as { deadline?: unknown } | undefined)?.deadline ?? null };
    });
  }

  /** The order id is the workflow id: starting twice (a retry racing the first, or resuming) is harmless. */
  const startOrder = async (row: HotlineOrderRow) => {
    const input: Omit<HotlineOrderInput, 'instanceId' | 'at'> = {
      clock: machineClock(),
      deadlines: deadlinesFor(HOTLINE_DEADLINES, 'hotline'),
      orderId: row.id,
      callerPhone: row.callerPhone,
      callerName: row.callerName ?? undefined,
      subject: row.subject ?? undefined,
      category: row.category as HotlineCategory,
      content: row.content,
      dispatcher: HOTLINE_DISPATCHER,
    };
    try {
      await machines.start('hotline', row.id, input as unknown as Record<string, unknown>);
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  };

  /** A re-sent order: its state; and if a crash came between storing the order and starting its workflow, start it now. */
  const viewOrResume = async (row: HotlineOrderRow): Promise<MachineView> => {
    try {
      return await machines.view('hotline', row.id);
    } catch (err) {
      if (!(err instanceof AppError && err.status === 404)) throw err;
      await startOrder(row);
      return machines.view('hotline', row.id);
    }
  };

  return {
    async intake(request: HotlineOrderRequest): Promise<IntakeResult> {
      const existing = await prisma.hotlineOrder.findUnique({ where: { id: request.orderId } });
      if (existing) return { duplicate: true, order: await viewOrResume(existing) };
      const receivedAt = request.receivedAt ? new Date(request.receivedAt) : new Date();
      let row;
      try {
        row = await prisma.hotlineOrder.create({
          data: { id: request.orderId, callerPhone: request.callerPhone, callerName: request.callerName, subject: request.subject, category: request.category, content: request.content, receivedAt },
        });
      } catch (err) {
        if ((err as { code?: string }).code === 'P2002') {
          const other = await prisma.hotlineOrder.findUniqueOrThrow({ where: { id: request.orderId } });
          return { duplicate: true, order: await viewOrResume(other) };
        }
        throw err;
      }
      await startOrder(row);
      const repeat = await detectAndMerge({ id: request.orderId, callerPhone: request.callerPhone, subject: request.subject, content: request.content, receivedAt }, request.callerName);
      return { duplicate: false, order: await machines.view('hotline', request.orderId), ...(repeat ? { repeat } : {}) };
    },

    async send(orderId: string, event: { type: string } & Record<string, unknown>, actorId: string): Promise<MachineView> {
      if ((event.type === 'order.dispatch' || event.type === 'order.reassign') && !DEPARTMENTS[event.department as string]) {
        throw badRequest(`未知部门 (unknown department): ${String(event.department)}`, { field: 'department', value: event.department });
      }
      await this.row(orderId);
      return machines.send('hotline', orderId, event, actorId);
    },

    async get(orderId: string) {
      const row = await this.row(orderId);
      const [view, history] = await Promise.all([machines.view('hotline', orderId), machines.history(orderId)]);
      return { ...view, order: row, history };
    },

    async list(filter: { callerPhone?: string; category?: string; status?: string; merged?: boolean; limit: number; offset: number }) {
      const byStatus = filter.status ? (await prisma.machineInstance.findMany({ where: { kind: 'hotline', status: filter.status }, select: { id: true } })).map((r) => r.id) : undefined;
      const where = {
        ...(filter.callerPhone ? { callerPhone: filter.callerPhone } : {}),
        ...(filter.category ? { category: filter.category } : {}),
        ...(byStatus ? { id: { in: byStatus } } : {}),
        ...(filter.merged === undefined ? {} : filter.merged ? { mergedInto: { not: null } } : { mergedInto: null }),
      };
      const [rows, total] = await Promise.all([
        prisma.hotlineOrder.findMany({ where, orderBy: { receivedAt: 'desc' }, take: filter.limit, skip: filter.offset }),
        prisma.hotlineOrder.count({ where }),
      ]);
      return { items: await withMachineState(rows), total };
    },

    /** 并单 groups: each 办不成事 record opened for repeated orders, with the orders merged into it (newest group first). */
    async repeatGroups(filter: { limit: number; offset: number }) {
      const heads = await prisma.hotlineOrder.groupBy({ by: ['mergedInto'], where: { mergedInto: { not: null } }, _max: { receivedAt: true }, orderBy: { _max: { receivedAt: 'desc' } } });
      const page = heads.slice(filter.offset, filter.offset + filter.limit).map((h) => h.mergedInto as string);
      const [orders, records] = await Promise.all([
        prisma.hotlineOrder.findMany({ where: { mergedInto: { in: page } }, orderBy: { receivedAt: 'asc' } }),
        prisma.machineInstance.findMany({ where: { id: { in: page } } }),
      ]);
      const items = page.map((fallbackId) => {
        const r = records.find((x) => x.id === fallbackId);
        return {
          fallbackId,
          fallback: r ? { title: r.title, state: r.state, states: r.states, status: r.status, department: r.department, holder: r.holder, createdAt: r.createdAt } : null,
          orders: orders.filter((o) => o.mergedInto === fallbackId),
        };
      });
      return { items, total: heads.length };
    },

    async row(orderId: string) {
      const row = await prisma.hotlineOrder.findUnique({ where: { id: orderId } });
      if (!row) throw notFound('hotlineOrder', orderId);
      return row;
    },

    /** Checks the webhook's shared secret (header `x-hotline-secret`) against HOTLINE_WEBHOOK_SECRET. */
    checkWebhookSecret(given: string | undefined): void {
      const expected = process.env.HOTLINE_WEBHOOK_SECRET;
      if (!expected) throw new AppError(503, 'WEBHOOK_DISABLED', '未配置 12345 对接密钥 (HOTLINE_WEBHOOK_SECRET is not set)');
      const a = Buffer.from(given ?? '');
      const b = Buffer.from(expected);
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw unauthorized('对接密钥错误 (wrong or missing x-hotline-secret)');
    },
  };
}

export type HotlineService = ReturnType<typeof createHotlineService>;

/** An order already closed or merged simply stays as it is. */
function ignoreConflict(err: unknown): void {
  if (err instanceof AppError && err.status === 409) return;
  throw err;
}
