import type { AuthenticatedActor } from '../auth/authenticate';
import type { Prisma, PrismaClient } from '../data/generated/client';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { LINKAGE_DEADLINES } from '../../workflows/machines/deadlines';
import type { MachineView } from '../../workflows/host/xstate-host';
import { commissionerOf, COMMISSIONERS, DEPARTMENTS } from '../../activities/domain/machines/directory';
import { newInstanceId } from './machines/ids';
import type { MachineClient, MachineKind } from './machines/machine-client';
import { deadlinesFor, machineClock } from './machines/machine-config';
import { assertActsFor, departmentOf, isDepartmentOfficer, notYourDepartment, oversees } from './department-scope';

export const LINKAGE_RULE_LABELS: Record<string, string> = {
  'linkage.notice': '审批信息通报',
  'linkage.finding': '监管结果抄告',
  'linkage.meeting': '部门联席会议',
  'linkage.city': '对上协调联动',
  'linkage.adjustment': '动态调整',
  fallback: '办不成事兜底',
  hotline: '12345工单',
  agency: '帮办代办',
};
const LINKAGE_KINDS = ['linkage.notice', 'linkage.finding', 'linkage.meeting', 'linkage.city', 'linkage.adjustment'] as const;
type LinkageKind = (typeof LINKAGE_KINDS)[number];
const PREFIX: Record<LinkageKind, string> = {
  'linkage.notice': 'TB',
  'linkage.finding': 'CG',
  'linkage.meeting': 'LX',
  'linkage.city': 'SJ',
  'linkage.adjustment': 'TZ',
};

/** The district leadership's review desk for 动态调整 proposals (审管协调). */
export const ADJUSTMENT_REVIEWER = 'supervisor1';

type LinkageContext = {
  department?: string;
  approvalDepartment?: string;
  departments?: string[];
  tasks?: { owner: string }[];
  reviewer?: string;
};

/** Departments a linkage instance is addressed to or involves (what its officers may see). */
function involved(department: string | null, context: LinkageContext): string[] {
  return [
    department ?? undefined,
    context.approvalDepartment,
    ...(context.departments ?? []),
    ...(context.tasks ?? []).map((t) => t.owner),
  ].filter((d): d is string => !!d);
}

type Expectation = { path: (string | number)[]; equals: unknown };

/**
 * Who takes each linkage step: the department it is addressed to; supervisors (and admins) only where the
 * rule makes it theirs — referring findings, convening and deciding meetings, city matters, reviewing changes.
 * Signing a notice, acting on a 抄告 and finishing a meeting task are the addressed department's alone.
 * Returns what the decision rested on, for the machine to re-check atomically.
 */
function assertLinkageStep(
  actor: AuthenticatedActor,
  context: LinkageContext,
  event: { type: string } & Record<string, unknown>,
): Expectation[] {
  const ctx = context;
  const on = (path: (string | number)[], department: string | undefined, step: string, overseers = false): Expectation[] => {
    assertActsFor(actor, department, step, { overseers });
    return [{ path, equals: department }];
  };
  switch (event.type) {
    case 'notice.sign':
      return on(['department'], ctx.department, '审批信息通报认领');
    case 'finding.push':
      return on(['department'], ctx.department, '监管结果抄告推送', true);
    case 'finding.act':
      return on(['approvalDepartment'], ctx.approvalDepartment, '抄告处置');
    case 'meeting.convene':
    case 'meeting.decide':
      return on(['department'], ctx.department, '联席会议召集与决定', true);
    case 'meeting.taskDone': {
      const index = event.index as number;
      const task = ctx.tasks?.[index];
      return task ? on(['tasks', index, 'owner'], task.owner, '联席会议任务办结') : []; // no such task: the machine refuses
    }
    case 'adjustment.approve':
    case 'adjustment.return':
    case 'adjustment.reject':
      if (actor.id === ctx.reviewer || oversees(actor)) return [];
      throw notYourDepartment(actor, undefined, '动态调整审核');
    default:
      // city.*, adjustment.submit: the department that raised it, or the supervisors.
      return on(['department'], ctx.department, '联动事项办理', true);
  }
}

/** 审管联动: the rule machines, the commissioners' inspection, approved catalogue changes and the assessment. */
export function createLinkageService(deps: { prisma: PrismaClient; machines: MachineClient }) {
  const { prisma, machines } = deps;

  const checkDepartment = (code: string, field: string) => {
    if (!DEPARTMENTS[code]) throw badRequest(`未知部门 (unknown department): ${code}`, { field, value: code });
  };
  const start = (kind: LinkageKind, input: Record<string, unknown>, instanceId = newInstanceId(PREFIX[kind])) =>
    machines.start(kind, instanceId, { ...input, clock: machineClock(), deadlines: deadlinesFor(LINKAGE_DEADLINES, 'linkage') });

  async function row(instanceId: string) {
    const r = await prisma.machineInstance.findUnique({ where: { id: instanceId } });
    if (!r || !(LINKAGE_KINDS as readonly string[]).includes(r.kind)) throw notFound('linkage', instanceId);
    return r;
  }

  return {
    /** 审批信息通报, driven by a case's approval decision: pushed once per case at decision time. */
    async approvalDecided(request: {
      caseId: string;
      supervisingDepartment: string;
      itemName?: string;
    }): Promise<{ created: boolean; notice: MachineView }> {
      checkDepartment(request.supervisingDepartment, 'supervisingDepartment');
      const c = await prisma.case.findUnique({ where: { id: request.caseId } });
      if (!c) throw notFound('case', request.caseId);
      const result = (c.result ?? {}) as Record<string, unknown>;
      const variables = (c.variables ?? {}) as Record<string, unknown>;
      const decision = (result.decision ?? variables.decision) as string | undefined;
      if (!decision) throw conflict(`办件 ${c.id} 尚未作出审批决定 (no approval decision yet)`, { caseId: c.id, status: c.status });
      const instanceId = `TB-${c.id}`;
      const existing = await prisma.machineInstance.findUnique({ where: { id: instanceId } });
      if (existing) return { created: false, notice: await machines.view('linkage.notice', instanceId) };
      const commitment = variables.commitment === true || variables.mode === '告知承诺' || result.mode === '告知承诺';
      const notice = await start(
        'linkage.notice',
        {
          title: `审批信息通报：${request.itemName ?? c.title}`,
          department: request.supervisingDepartment,
          caseId: c.id,
          itemName: request.itemName ?? c.title,
          decision,
          commitment,
          decidedAt: (c.endedAt ?? c.updatedAt).toISOString(),
        },
        instanceId,
      );
      return { created: true, notice };
    },

    async finding(
      request: { title: string; department: string; caseId?: string; findingType: string; description: string },
      actor: AuthenticatedActor,
    ) {
      checkDepartment(request.department, 'department');
      assertActsFor(actor, request.department, '监管结果抄告', { overseers: true });
      if (request.caseId && !(await prisma.case.findUnique({ where: { id: request.caseId } }))) throw notFound('case', request.caseId);
      return start('linkage.finding', { ...request, approvalDepartment: 'spj' });
    },

    async meeting(
      request: { title: string; department: string; agenda: string[]; departments: string[]; caseId?: string },
      actor: AuthenticatedActor,
    ) {
      for (const d of [request.department, ...request.departments]) checkDepartment(d, 'departments');
      assertActsFor(actor, request.department, '提请联席会议', { overseers: true });
      return start('linkage.meeting', { ...request, referredBy: actor.id });
    },

    async city(request: { title: string; department: string; matter: string; reason: string }, actor: AuthenticatedActor) {
      checkDepartment(request.department, 'department');
      assertActsFor(actor, request.department, '对上协调联动', { overseers: true });
      return start('linkage.city', { ...request, submittedBy: actor.id });
    },

    async adjustment(
      request: { change: string; itemCode: string; itemName: string; payload: Record<string, unknown>; reason: string; department: string },
      actor: AuthenticatedActor,
    ) {
      checkDepartment(request.department, 'department');
      assertActsFor(actor, request.department, '动态调整提议', { overseers: true });
      return start('linkage.adjustment', {
        ...request,
        title: `动态调整：${request.itemName}`,
        proposedBy: actor.id,
        reviewer: ADJUSTMENT_REVIEWER,
      });
    },

    async send(instanceId: string, event: { type: string } & Record<string, unknown>, actor: AuthenticatedActor): Promise<MachineView> {
      const r = await row(instanceId);
      if (event.type === 'meeting.decide') for (const t of event.tasks as { owner: string }[]) checkDepartment(t.owner, 'tasks.owner');
      // The workflow's own state (not the read model, which may lag) says whose step it is.
      const current = await machines.view(r.kind as MachineKind, instanceId);
      // An event out of turn is refused by the machine (409) before anyone's department matters.
      const expectations = current.allowedEvents.includes(event.type)
        ? assertLinkageStep(actor, current.context as LinkageContext, event)
        : [];
      return machines.send(r.kind as MachineKind, instanceId, event, actor.id, expectations);
    },

    async get(instanceId: string, actor?: AuthenticatedActor) {
      const r = await row(instanceId);
      if (actor && isDepartmentOfficer(actor) && !involved(r.department, r.context as LinkageContext).includes(departmentOf(actor) ?? '')) {
        throw notYourDepartment(actor, r.department ?? undefined, '查看联动事项');
      }
      const [view, history] = await Promise.all([machines.view(r.kind as MachineKind, instanceId), machines.history(instanceId)]);
      return { ...view, rule: LINKAGE_RULE_LABELS[r.kind], history };
    },

    /** Department officers list only what is addressed to or involves their department. */
    async list(filter: { kind?: string; status?: string; department?: string; limit: number; offset: number }, actor?: AuthenticatedActor) {
      const own = actor && isDepartmentOfficer(actor) ? (departmentOf(actor) ?? '-') : undefined;
      const where: Prisma.MachineInstanceWhereInput = {
        kind: filter.kind ? filter.kind : { in: [...LINKAGE_KINDS] },
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.department ? { department: filter.department } : {}),
        ...(own
          ? {
              OR: [
                { department: own },
                { context: { path: ['approvalDepartment'], equals: own } },
                { context: { path: ['departments'], array_contains: [own] } },
                { context: { path: ['tasks'], array_contains: [{ owner: own }] } },
              ],
            }
          : {}),
      };
      const [items, total] = await Promise.all([
        prisma.machineInstance.findMany({ where, orderBy: { createdAt: 'desc' }, take: filter.limit, skip: filter.offset }),
        prisma.machineInstance.count({ where }),
      ]);
      return { items, total };
    },

    /** The rule machines' departments with their commissioner and the users whose department has that name (to pick a 责任人). */
    async departments() {
      const users = await prisma.user.findMany({
        where: { department: { in: Object.values(DEPARTMENTS).map((d) => d.name) } },
        select: { id: true, name: true, department: true },
        orderBy: { id: 'asc' },
      });
      const items = Object.values(DEPARTMENTS).map((d) => ({
        ...d,
        commissioner: COMMISSIONERS[d.area],
        staff: users.filter((u) => u.department === d.name).map(({ id, name }) => ({ id, name })),
      }));
      return { items, total: items.length };
    },

    commissioners() {
      const items = Object.entries(COMMISSIONERS).map(([area, c]) => ({
        area,
        ...c,
        departments: Object.values(DEPARTMENTS)
          .filter((d) => d.area === area)
          .map((d) => d.code),
      }));
      return { items, total: items.length };
    },

    /** 审批监管特派员: the area's commissioner (or an admin) may inspect any linked instance and its case. */
    async inspect(instanceId: string, actor: AuthenticatedActor) {
      const r = await row(instanceId);
      const commissioner = commissionerOf(r.department ?? undefined);
      if (!actor.roles.includes('admin') && commissioner?.userId !== actor.id) {
        throw forbidden(`只有本领域的审批监管特派员可以检查 (only the area's commissioner: ${commissioner?.name ?? '无'})`);
      }
      const detail = await this.get(instanceId);
      const caseId = (detail.context as { caseId?: string }).caseId;
      const linkedCase = caseId ? await prisma.case.findUnique({ where: { id: caseId }, include: { tasks: true } }) : null;
      const steps = await prisma.machineStep.findMany({ where: { instanceId }, orderBy: { enteredAt: 'asc' } });
      return { ...detail, commissioner, case: linkedCase, steps };
    },

    async effectiveAdjustments(filter: { itemCode?: string; limit: number; offset: number }) {
      const where = filter.itemCode ? { itemCode: filter.itemCode } : {};
      const [items, total] = await Promise.all([
        prisma.catalogueAdjustment.findMany({ where, orderBy: { effectiveAt: 'desc' }, take: filter.limit, skip: filter.offset }),
        prisma.catalogueAdjustment.count({ where }),
      ]);
      return { items, total };
    },

    /**
     * 考核评估 / 审管协调: per rule and department, the steps of the period — done on time, done late,
     * still open past due, still open in time — and the on-time rate of those that are decided. The
     * report states its basis: `due` counts the steps whose due date falls in [from, to] (what fell due
     * then); `done` counts the steps completed in [from, to] (what was done then, e.g. a 通报 signed in
     * November and due in December), so it has no open steps.
     */
    async assessment(range: { from: Date; to: Date; includeAll?: boolean; basis?: 'due' | 'done' }, now = new Date()) {
      const kinds = range.includeAll ? Object.keys(LINKAGE_RULE_LABELS) : [...LINKAGE_KINDS];
      const basis = range.basis ?? 'due';
      const inPeriod = { gte: range.from, lte: range.to };
      const steps = await prisma.machineStep.findMany({
        where: { kind: { in: kinds }, ...(basis === 'done' ? { completedAt: inPeriod } : { dueAt: inPeriod }) },
      });
      const groups = new Map<
        string,
        { rule: string; kind: string; department: string; due: number; onTime: number; late: number; overdueOpen: number; pending: number }
      >();
      for (const s of steps) {
        const department = s.department ?? '—';
        const key = `${s.kind}|${department}`;
        const g = groups.get(key) ?? {
          rule: LINKAGE_RULE_LABELS[s.kind] ?? s.kind,
          kind: s.kind,
          department,
          due: 0,
          onTime: 0,
          late: 0,
          overdueOpen: 0,
          pending: 0,
        };
        g.due++;
        if (s.completedAt) {
          if (s.completedAt <= s.dueAt) g.onTime++;
          else g.late++;
        } else if (now > s.dueAt) g.overdueOpen++;
        else g.pending++;
        groups.set(key, g);
      }
      const rows = [...groups.values()]
        .map((g) => {
          const decided = g.onTime + g.late + g.overdueOpen;
          return {
            ...g,
            departmentName: DEPARTMENTS[g.department]?.name ?? g.department,
            onTimeRate: decided ? Number((g.onTime / decided).toFixed(4)) : null,
          };
        })
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.department.localeCompare(b.department));
      const total = rows.reduce((acc, r) => ({ onTime: acc.onTime + r.onTime, decided: acc.decided + r.onTime + r.late + r.overdueOpen }), {
        onTime: 0,
        decided: 0,
      });
      const basisLabel =
        basis === 'done' ? '按完成日统计：统计期内完成的环节（不论何时到期）' : '按到期日统计：统计期内到期的环节（不论何时完成）';
      return {
        from: range.from,
        to: range.to,
        basis,
        basisLabel,
        rows,
        overall: { ...total, onTimeRate: total.decided ? Number((total.onTime / total.decided).toFixed(4)) : null },
      };
    },
  };
}

export type LinkageService = ReturnType<typeof createLinkageService>;
