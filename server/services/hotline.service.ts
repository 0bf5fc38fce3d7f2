import { timingSafeEqual } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { HotlineOrder as HotlineOrderRow, PrismaClient } from '../data/generated/client';
import { AppError, badRequest, notFound, unauthorized } from '../errors';
import { HOTLINE_DEADLINES } from '../../workflows/machines/deadlines';
import type { HotlineCategory, HotlineOrderInput } from '../../workflows/machines/hotline-order.machine';
import type { MachineView } from '../../workflows/host/xstate-host';
import type { FallbackService } from './fallback.service';
import { DEPARTMENTS } from '../../activities/domain/machines/directory';
import type { MachineClient } from './machines/machine-client';
import { deadlinesFor, machineClock } from './machines/machine-config';
import type { AuthenticatedActor } from '../auth/authenticate';
import { assertActsFor, assertCentral, departmentOf, isDepartmentOfficer, notYourDepartment } from './department-scope';

/** 签收 / 退单 / 延期 / 答复 belong to the department the order is dispatched to; the rest to the 12345 centre. */
const DEPARTMENT_STEPS: Record<string, string> = {
  'order.sign': '签收',
  'order.return': '退单',
  'order.extend': '延期',
  'order.reply': '答复',
};
const CENTRAL_STEPS: Record<string, string> = {
  'order.dispatch': '派单',
  'order.reassign': '改派',
  'order.revisit': '回访',
  'order.rate': '评价',
};
import { writeAudit } from '../../activities/audit';
import { candidatesOf, linksOf, profile, repeatRule, withOrgFromText, type RepeatRule } from '../../activities/domain/hotline/matching';
import { matterType, matterTypeLabel } from '../../activities/domain/hotline/matter-types';

interface OrderText {
  id: string;
  callerPhone: string;
  subject?: string | null;
  content: string;
  receivedAt: Date;
}

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
  repeat?: { relatedOrderIds: string[]; fallbackId: string; scores: Record<string, number>; leadOrderId: string };
}

/** The 12345 dispatcher who holds 派单 of every received order. */
export const HOTLINE_DISPATCHER = 'hotline-dispatcher';
const MAX_CORPUS = 2000;

/** 12345 work orders: idempotent intake, repeat detection with 并单 into a "办不成事" record, and order events. */
/** The deployment's 12345 parameters (HOTLINE_* in server/config.ts). */
export interface HotlineSettings {
  /** Shared secret of the 12345 webhook; unset → the webhook is off. */
  webhookSecret?: string;
  repeat?: Partial<Pick<RepeatRule, 'minOrders' | 'windowDays'>>;
}

export function createHotlineService(deps: {
  prisma: PrismaClient;
  machines: MachineClient;
  fallback: FallbackService;
  settings?: HotlineSettings;
}) {
  const { prisma, machines, fallback } = deps;
  const settings = deps.settings ?? {};

  /**
   * 重复诉求: links the new order to earlier orders of the window at the same place or from the same caller
   * (hotline/matching.ts); a group of `minOrders` is 并单: the earliest order leads and is dispatched, the
   * others follow it, and a 办不成事 record supervises the group.
   */
  async function detectAndMerge(
    order: OrderText & { matterType?: string | null },
    callerName: string | undefined,
  ): Promise<IntakeResult['repeat']> {
    const rule = repeatRule(settings.repeat);
    const since = new Date(order.receivedAt.getTime() - rule.windowDays * 86_400_000);
    const self = profile(order);
    const window = await prisma.hotlineOrder.findMany({
      where: {
        receivedAt: { gte: since, lte: order.receivedAt },
        id: { not: order.id },
        OR: [
          { callerPhone: order.callerPhone },
          ...(self.place ? [{ placeKey: self.place.key }] : [{ placeKey: { startsWith: 'org:' } }]),
          ...(self.place?.key.startsWith('org:') ? [{ placeKey: null }] : []),
        ],
      },
      orderBy: { receivedAt: 'desc' },
      take: MAX_CORPUS,
    });
    const earlier = window.map((o) =>
      profile({ ...o, matterType: o.matterTypeBy && o.matterTypeBy !== 'auto' ? o.matterType : undefined }),
    );
    const me = withOrgFromText(self, earlier);
    const links = linksOf(me, candidatesOf(me, earlier), rule);
    if (me.place && me.place.key !== self.place?.key)
      await prisma.hotlineOrder.update({ where: { id: order.id }, data: { placeKey: me.place.key, placeLabel: me.place.label } });
    if (!links.length) return undefined;
    // The group linked to most strongly (as joinGroups in the bench), never one of another place.
    const groupOfRow = (o: { id: string; leadOrderId: string | null }) => o.leadOrderId ?? o.id;
    const strength = new Map<string, number>();
    for (const l of links) {
      const o = window.find((w) => w.id === l.id);
      if (o) strength.set(groupOfRow(o), Math.max(strength.get(groupOfRow(o)) ?? 0, l.strength));
    }
    const groupRows = await prisma.hotlineOrder.findMany({
      where: { OR: [{ id: { in: [...strength.keys()] } }, { leadOrderId: { in: [...strength.keys()] } }] },
      orderBy: { receivedAt: 'asc' },
    });
    const samePlace = (g: string) =>
      !me.place || groupRows.every((o) => groupOfRow(o) !== g || !o.placeKey || o.placeKey === me.place?.key);
    const best = [...strength].filter(([g]) => samePlace(g)).sort((x, y) => y[1] - x[1])[0]?.[0];
    if (!best) return undefined;
    const members = groupRows.filter((o) => groupOfRow(o) === best);
    const lead = members.find((o) => o.id === best) ?? members[0];
    const ids = [...members.map((o) => o.id), order.id];
    await prisma.hotlineOrder.updateMany({ where: { id: { in: ids.filter((id) => id !== lead.id) } }, data: { leadOrderId: lead.id } });
    const scores = Object.fromEntries(links.map((l) => [l.id, Number(l.strength.toFixed(3))]));
    if (ids.length < rule.minOrders) return undefined;
    let fallbackId = members.find((o) => o.mergedInto)?.mergedInto ?? undefined;
    if (fallbackId) {
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
    await prisma.hotlineOrder.updateMany({ where: { id: { in: ids } }, data: { mergedInto: fallbackId } });
    const leadView = await machines.view('hotline', lead.id).catch(() => undefined);
    for (const id of ids) {
      if (id === lead.id) continue;
      const follower = await machines.view('hotline', id).catch(() => undefined);
      if (follower?.value === 'following') continue;
      await machines.send('hotline', id, { type: 'order.follow', leadOrderId: lead.id, fallbackId }, 'system').catch(ignoreConflict);
      if (leadView) await mirror(id, leadView);
    }
    return { relatedOrderIds: ids.filter((id) => id !== order.id), fallbackId, scores, leadOrderId: lead.id };
  }

  /** Tells a follower where its lead order stands (state, unit, holder). */
  async function mirror(followerId: string, lead: MachineView): Promise<void> {
    const c = lead.context as { department?: string; holder?: string; reply?: string };
    const state = typeof lead.value === 'string' ? lead.value : Object.keys(lead.value)[0];
    await machines
      .send('hotline', followerId, { type: 'order.leadUpdate', state, department: c.department, holder: c.holder }, 'system')
      .catch(ignoreConflict);
  }

  /** After an event on a lead order: its followers mirror it, and its 答复 reaches each follower's caller. */
  async function followLead(leadId: string, view: MachineView, event: { type: string } & Record<string, unknown>): Promise<void> {
    const followers = await prisma.hotlineOrder.findMany({ where: { leadOrderId: leadId }, select: { id: true } });
    for (const f of followers) {
      const fv = await machines.view('hotline', f.id).catch(() => undefined);
      if (fv?.value !== 'following') continue;
      if (event.type === 'order.reply')
        await machines.send('hotline', f.id, { type: 'order.leadReplied', content: String(event.content) }, 'system').catch(ignoreConflict);
      else await mirror(f.id, view);
    }
  }

  /** Each order with its work-order machine's state, status, responsible department and current deadline. */
  async function withMachineState<T extends { id: string }>(rows: T[]) {
    const machinesOf = await prisma.machineInstance.findMany({ where: { id: { in: rows.map((r) => r.id) }, kind: 'hotline' } });
    return rows.map((row) => {
      const m = machinesOf.find((x) => x.id === row.id);
      return {
        ...row,
        states: m?.states ?? [],
        status: m?.status ?? null,
        department: m?.department ?? null,
        holder: m?.holder ?? null,
        deadline: (m?.context as { deadline?: unknown } | undefined)?.deadline ?? null,
      };
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
      // The clock starts at the centre's receipt (the citizen asked then), not at entry here.
      receivedAt: row.receivedAt.getTime(),
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
          data: {
            id: request.orderId,
            callerPhone: request.callerPhone,
            callerName: request.callerName,
            subject: request.subject,
            category: request.category,
            content: request.content,
            receivedAt,
            ...placeAndType(request),
          },
        });
      } catch (err) {
        if ((err as { code?: string }).code === 'P2002') {
          const other = await prisma.hotlineOrder.findUniqueOrThrow({ where: { id: request.orderId } });
          return { duplicate: true, order: await viewOrResume(other) };
        }
        throw err;
      }
      await startOrder(row);
      const repeat = await detectAndMerge(
        { id: request.orderId, callerPhone: request.callerPhone, subject: request.subject, content: request.content, receivedAt },
        request.callerName,
      );
      return { duplicate: false, order: await machines.view('hotline', request.orderId), ...(repeat ? { repeat } : {}) };
    },

    async send(orderId: string, event: { type: string } & Record<string, unknown>, actor: AuthenticatedActor): Promise<MachineView> {
      if ((event.type === 'order.dispatch' || event.type === 'order.reassign') && !DEPARTMENTS[event.department as string]) {
        throw badRequest(`未知部门 (unknown department): ${String(event.department)}`, { field: 'department', value: event.department });
      }
      await this.row(orderId);
      // The workflow's state, not the read model, says which department holds the order now; an event
      // out of turn is refused by the machine (409) before anyone's department matters.
      const current = await machines.view('hotline', orderId);
      const department = (current.context as { department?: string }).department;
      const departmentStep = current.allowedEvents.includes(event.type) && DEPARTMENT_STEPS[event.type];
      if (departmentStep) assertActsFor(actor, department, `12345工单${departmentStep}`);
      else if (current.allowedEvents.includes(event.type) && CENTRAL_STEPS[event.type])
        assertCentral(actor, `12345工单${CENTRAL_STEPS[event.type]}`);
      // Re-checked by the machine, so a 改派 landing in between cannot let the old department act.
      const view = await machines.send(
        'hotline',
        orderId,
        event,
        actor.id,
        departmentStep ? [{ path: ['department'], equals: department }] : [],
      );
      await followLead(orderId, view, event);
      return view;
    },

    /** Staff correct the matter type (诉求分类); kept on the order and audited. */
    async setMatterType(orderId: string, input: { matterType: string; reason?: string }, actorId: string) {
      if (!matterType(input.matterType))
        throw badRequest(`未知诉求分类 (unknown matter type): ${input.matterType}`, { field: 'matterType', value: input.matterType });
      const before = await this.row(orderId);
      return prisma.$transaction(async (tx) => {
        const after = await tx.hotlineOrder.update({
          where: { id: orderId },
          data: { matterType: input.matterType, matterTypeBy: actorId },
        });
        await writeAudit(tx, {
          actor: actorId,
          action: 'hotline.matterType.corrected',
          before: { matterType: before.matterType, by: before.matterTypeBy },
          after: { matterType: after.matterType },
          details: { orderId, reason: input.reason },
        });
        return decorate(after);
      });
    },

    /** 拆单: a supervisor takes a wrongly merged order out of its group; it goes back to 受理 to be dispatched alone. */
    async split(orderId: string, reason: string, actorId: string) {
      const row = await this.row(orderId);
      if (!row.leadOrderId) throw new AppError(409, 'NOT_FOLLOWING', `工单 ${orderId} 不是并单中的从单，无法拆单`, { field: 'orderId' });
      const view = await machines.send('hotline', orderId, { type: 'order.split', reason }, actorId);
      await prisma.$transaction(async (tx) => {
        await tx.hotlineOrder.update({ where: { id: orderId }, data: { leadOrderId: null, mergedInto: null } });
        await writeAudit(tx, {
          actor: actorId,
          action: 'hotline.split',
          before: { leadOrderId: row.leadOrderId, mergedInto: row.mergedInto },
          after: { leadOrderId: null },
          details: { orderId, reason },
        });
      });
      return view;
    },

    /** 补并: a supervisor merges a missed repeat into a lead order's group; it follows the lead from now on. */
    async mergeInto(orderId: string, leadOrderId: string, reason: string, actorId: string) {
      if (orderId === leadOrderId) throw badRequest('不能并入自身', { field: 'leadOrderId' });
      const [row, leadRow] = [await this.row(orderId), await this.row(leadOrderId)];
      const leadId = leadRow.leadOrderId ?? leadRow.id;
      const view = await machines.send(
        'hotline',
        orderId,
        { type: 'order.follow', leadOrderId: leadId, fallbackId: leadRow.mergedInto ?? undefined },
        actorId,
      );
      await prisma.$transaction(async (tx) => {
        await tx.hotlineOrder.update({ where: { id: orderId }, data: { leadOrderId: leadId, mergedInto: leadRow.mergedInto } });
        await writeAudit(tx, {
          actor: actorId,
          action: 'hotline.merged',
          before: { leadOrderId: row.leadOrderId },
          after: { leadOrderId: leadId },
          details: { orderId, reason },
        });
      });
      if (leadRow.mergedInto)
        await machines
          .send('fallback', leadRow.mergedInto, { type: 'fallback.linkOrders', orderIds: [orderId] }, 'system')
          .catch(ignoreConflict);
      await mirror(orderId, await machines.view('hotline', leadId));
      return machines.view('hotline', orderId).catch(() => view);
    },

    async get(orderId: string, actor?: AuthenticatedActor) {
      const row = await this.row(orderId);
      if (actor && isDepartmentOfficer(actor)) {
        const m = await prisma.machineInstance.findUnique({ where: { id: orderId } });
        if (!m?.department || m.department !== departmentOf(actor))
          throw notYourDepartment(actor, m?.department ?? undefined, '查看12345工单');
      }
      const [view, history] = await Promise.all([machines.view('hotline', orderId), machines.history(orderId)]);
      return { ...view, order: decorate(row), history };
    },

    /** Department officers list only the orders dispatched to their department. */
    async list(
      filter: { callerPhone?: string; category?: string; status?: string; merged?: boolean; limit: number; offset: number },
      actor?: AuthenticatedActor,
    ) {
      const own = actor && isDepartmentOfficer(actor) ? (departmentOf(actor) ?? '-') : undefined;
      const byStatus =
        filter.status || own
          ? (
              await prisma.machineInstance.findMany({
                where: { kind: 'hotline', ...(filter.status ? { status: filter.status } : {}), ...(own ? { department: own } : {}) },
                select: { id: true },
              })
            ).map((r) => r.id)
          : undefined;
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
      return { items: (await withMachineState(rows)).map(decorate), total };
    },

    /** 并单 groups: each 办不成事 record opened for repeated orders, with the orders merged into it (newest group first). */
    async repeatGroups(filter: { limit: number; offset: number }, actor?: AuthenticatedActor) {
      if (actor) assertCentral(actor, '12345重复诉求并单');
      const heads = await prisma.hotlineOrder.groupBy({
        by: ['mergedInto'],
        where: { mergedInto: { not: null } },
        _max: { receivedAt: true },
        orderBy: { _max: { receivedAt: 'desc' } },
      });
      const page = heads.slice(filter.offset, filter.offset + filter.limit).map((h) => h.mergedInto as string);
      const [orders, records] = await Promise.all([
        prisma.hotlineOrder.findMany({ where: { mergedInto: { in: page } }, orderBy: { receivedAt: 'asc' } }),
        prisma.machineInstance.findMany({ where: { id: { in: page } } }),
      ]);
      const items = page.map((fallbackId) => {
        const r = records.find((x) => x.id === fallbackId);
        return {
          fallbackId,
          fallback: r
            ? {
                title: r.title,
                state: r.state,
                states: r.states,
                status: r.status,
                department: r.department,
                holder: r.holder,
                createdAt: r.createdAt,
              }
            : null,
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

    /** The 重复诉求 rule in force, with its source. */
    repeatRule(): RepeatRule {
      return repeatRule(settings.repeat);
    },

    /** Checks the webhook's shared secret (header `x-hotline-secret`) against HOTLINE_WEBHOOK_SECRET. */
    checkWebhookSecret(given: string | undefined): void {
      const expected = settings.webhookSecret;
      if (!expected) throw new AppError(503, 'WEBHOOK_DISABLED', '未配置 12345 对接密钥 (HOTLINE_WEBHOOK_SECRET is not set)');
      const a = Buffer.from(given ?? '');
      const b = Buffer.from(expected);
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw unauthorized('对接密钥错误 (wrong or missing x-hotline-secret)');
    },
  };
}

export type HotlineService = ReturnType<typeof createHotlineService>;

/** Place key and label and the classifier's matter type of a new order. */
function placeAndType(request: { subject?: string; content: string }) {
  const p = profile({ id: '', callerPhone: '', subject: request.subject, content: request.content, receivedAt: new Date(0) });
  return {
    placeKey: p.place?.key ?? null,
    placeLabel: p.place?.label ?? null,
    matterType: p.type ?? null,
    matterTypeBy: p.type ? 'auto' : null,
  };
}

/** Adds the matter type's label (市容环境 / 占道经营) and its usual unit for staff. */
function decorate<T extends { matterType: string | null }>(row: T) {
  return {
    ...row,
    matterTypeLabel: matterTypeLabel(row.matterType) ?? null,
    suggestedDepartment: matterType(row.matterType)?.department ?? null,
  };
}

/** An order already closed or merged simply stays as it is. */
function ignoreConflict(err: unknown): void {
  if (err instanceof AppError && err.status === 409) return;
  throw err;
}
