import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { badRequest, notFound } from '../errors';
import { FALLBACK_DEADLINES } from '../../workflows/machines/deadlines';
import type { FallbackInput } from '../../workflows/machines/fallback.machine';
import type { MachineView } from '../../workflows/host/xstate-host';
import { DEPARTMENTS, FALLBACK_SUPERVISOR, LEADERSHIP } from '../../activities/domain/machines/directory';
import { newInstanceId } from './machines/ids';
import type { MachineClient } from './machines/machine-client';
import { deadlinesFor, machineClock } from './machines/machine-config';
import { assertActsFor, assertCentral, departmentOf, isDepartmentOfficer, notYourDepartment } from './department-scope';

/** States whose step is the receiving department's (转办 办结, 办不了 的解释); every other step is the window's. */
const DEPARTMENT_STATES: Record<string, string> = { transferred: '转办事项办结', explaining: '办不成事政策解释' };

export interface RegisterFallbackRequest {
  matter: string;
  applicant: { name: string; phone?: string; userId?: string };
  hotlineOrderIds?: string[];
}

/** The "办不成事" window: register matters, move them through their machine, list and read them. */
export function createFallbackService(deps: { prisma: PrismaClient; machines: MachineClient }) {
  const { prisma, machines } = deps;

  return {
    async register(request: RegisterFallbackRequest, registeredBy: string): Promise<MachineView> {
      const instanceId = newInstanceId('BBCS');
      const input: Omit<FallbackInput, 'instanceId' | 'at'> = {
        clock: machineClock(),
        deadlines: deadlinesFor(FALLBACK_DEADLINES, 'fallback'),
        matter: request.matter,
        applicant: request.applicant,
        registeredBy,
        supervisor: FALLBACK_SUPERVISOR,
        leadership: LEADERSHIP.userId,
        hotlineOrderIds: request.hotlineOrderIds ?? [],
      };
      return machines.start('fallback', instanceId, input as unknown as Record<string, unknown>);
    },

    async send(instanceId: string, event: { type: string } & Record<string, unknown>, actor: AuthenticatedActor): Promise<MachineView> {
      if (event.type === 'fallback.classify' && !DEPARTMENTS[event.department as string]) {
        throw badRequest(`未知部门 (unknown department): ${String(event.department)}`, { field: 'department', value: event.department });
      }
      await this.row(instanceId);
      // The workflow's state (not the read model, which may lag) says whose step it is.
      const current = await machines.view('fallback', instanceId);
      const departmentStep = current.states.map((s) => DEPARTMENT_STATES[s]).find(Boolean);
      if (!current.allowedEvents.includes(event.type)) {
        // Out of turn: the machine refuses it (409) before anyone's department matters.
      } else if (departmentStep && (event.type === 'fallback.conclude' || event.type === 'fallback.explain')) {
        const department = (current.context as { department?: string }).department;
        assertActsFor(actor, department, departmentStep);
        return machines.send('fallback', instanceId, event, actor.id, [{ path: ['department'], equals: department }]);
      } else {
        assertCentral(actor, '办不成事窗口办理');
      }
      return machines.send('fallback', instanceId, event, actor.id);
    },

    async get(instanceId: string, actor?: AuthenticatedActor) {
      const row = await this.row(instanceId);
      if (actor && isDepartmentOfficer(actor) && row.department !== departmentOf(actor))
        throw notYourDepartment(actor, row.department ?? undefined, '查看办不成事记录');
      const [view, history] = await Promise.all([machines.view('fallback', instanceId), machines.history(instanceId)]);
      return { ...view, history };
    },

    /** Department officers list only the records transferred to their department. */
    async list(filter: { status?: string; limit: number; offset: number }, actor?: AuthenticatedActor) {
      const own = actor && isDepartmentOfficer(actor) ? (departmentOf(actor) ?? '-') : undefined;
      const where = { kind: 'fallback', ...(filter.status ? { status: filter.status } : {}), ...(own ? { department: own } : {}) };
      const [items, total] = await Promise.all([
        prisma.machineInstance.findMany({ where, orderBy: { createdAt: 'desc' }, take: filter.limit, skip: filter.offset }),
        prisma.machineInstance.count({ where }),
      ]);
      return { items, total };
    },

    async row(instanceId: string) {
      const row = await prisma.machineInstance.findUnique({ where: { id: instanceId } });
      if (!row || row.kind !== 'fallback') throw notFound('fallback', instanceId);
      return row;
    },
  };
}

export type FallbackService = ReturnType<typeof createFallbackService>;
