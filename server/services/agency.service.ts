import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { badRequest, conflict, notFound } from '../errors';
import type { AgencyInput, AgencyTeam, IntakeChannel } from '../../workflows/machines/agency.machine';
import { AGENCY_DEADLINES } from '../../workflows/machines/deadlines';
import type { MachineView } from '../../workflows/host/xstate-host';
import type { CasesService } from './cases.service';
import { isStaff } from './cases.service';
import { AGENTS, COMMUNITIES, DEPARTMENTS, type AgentRole } from '../../activities/domain/machines/directory';
import { newInstanceId } from './machines/ids';
import type { MachineClient } from './machines/machine-client';
import { deadlinesFor, machineClock } from './machines/machine-config';

export interface ProjectIntake {
  channel: IntakeChannel;
  title: string;
  applicant: { name: string; userId?: string; phone?: string };
  /** 部门转交: the transferring department; 专员移交: the handing-over specialist. */
  fromDepartment?: string;
  fromSpecialist?: string;
  team?: AgencyTeam;
}

export interface CommunityRequest {
  community: string;
  title: string;
  applicant: { name: string; userId?: string; phone?: string; needs: 'elderly' | 'disabled' | 'other' };
}

type Event = { type: string } & Record<string, unknown>;
type LinkedCase = { caseId: string; title: string; closed: boolean; status?: string };

/** 帮办代办: "343" key-project service, community agents, red-vest help and the agents' board. */
export function createAgencyService(deps: { prisma: PrismaClient; machines: MachineClient; cases: CasesService }) {
  const { prisma, machines, cases } = deps;

  function checkAgent(userId: string | undefined, roles: AgentRole[], field: string): void {
    if (userId === undefined) return;
    const agent = AGENTS[userId];
    if (!agent) throw notFound('agent', userId);
    if (!roles.includes(agent.role))
      throw badRequest(`${userId} 不是 ${roles.join('/')} (wrong agent role for ${field})`, { field, value: userId, role: agent.role });
  }
  function checkTeam(team: AgencyTeam | undefined): void {
    if (!team) return;
    checkAgent(team.dedicated, ['dedicated', 'community'], 'team.dedicated');
    checkAgent(team.business, ['business'], 'team.business');
    checkAgent(team.enterprise, ['enterprise'], 'team.enterprise');
  }

  /** Open requests per agent (by team membership, whoever holds the current step). */
  async function activeLoads(): Promise<Map<string, number>> {
    const rows = await prisma.machineInstance.findMany({ where: { kind: 'agency', status: 'active' }, select: { context: true } });
    const loads = new Map<string, number>();
    for (const r of rows) for (const id of (r.context as { teamIds?: string[] }).teamIds ?? []) loads.set(id, (loads.get(id) ?? 0) + 1);
    return loads;
  }

  async function start(input: Omit<AgencyInput, 'instanceId' | 'at' | 'clock' | 'deadlines'>): Promise<MachineView> {
    const full = { ...input, clock: machineClock(), deadlines: deadlinesFor(AGENCY_DEADLINES, 'agency') };
    return machines.start('agency', newInstanceId('DB'), full as unknown as Record<string, unknown>);
  }

  /** Sends `case.closed` for every linked case the read model shows as finished. */
  async function syncCases(instanceId: string, actorId: string): Promise<void> {
    const view = await machines.view('agency', instanceId);
    const linked = ((view.context.cases as LinkedCase[] | undefined) ?? []).filter((c) => !c.closed);
    if (!linked.length) return;
    const rows = await prisma.case.findMany({ where: { id: { in: linked.map((c) => c.caseId) } } });
    for (const row of rows) {
      if (row.status === 'running') continue;
      await machines.send('agency', instanceId, { type: 'case.closed', caseId: row.id, status: row.status }, actorId);
    }
  }

  return {
    async intakeProject(request: ProjectIntake, actor: AuthenticatedActor): Promise<MachineView> {
      if (request.channel === 'departmentTransfer' && !DEPARTMENTS[request.fromDepartment ?? '']) {
        throw badRequest(`部门转交须注明转交部门 (unknown or missing fromDepartment): ${request.fromDepartment ?? ''}`, {
          field: 'fromDepartment',
        });
      }
      if (request.channel === 'specialistHandover') {
        if (!request.fromSpecialist) throw badRequest('专员移交须注明移交专员 (fromSpecialist is required)', { field: 'fromSpecialist' });
        checkAgent(request.fromSpecialist, ['enterprise', 'business'], 'fromSpecialist');
      }
      checkTeam(request.team);
      return start({
        track: 'keyProject',
        channel: request.channel,
        title: request.title,
        applicant: request.applicant,
        intakeBy: actor.id,
        team: request.team,
      });
    },

    /** Routes an elderly/disabled applicant's request to the least-loaded 帮办代办员 of their community. */
    async communityRequest(request: CommunityRequest, actor: AuthenticatedActor): Promise<MachineView> {
      if (!COMMUNITIES[request.community]) throw notFound('community', request.community);
      const agents = Object.values(AGENTS).filter((a) => a.role === 'community' && a.community === request.community);
      if (!agents.length) throw conflict(`社区 ${request.community} 暂无帮办代办员 (no community agent)`);
      const current = await activeLoads();
      const loads = agents.map((a) => ({ a, load: current.get(a.userId) ?? 0 }));
      loads.sort((x, y) => x.load - y.load || x.a.userId.localeCompare(y.a.userId));
      const agent = loads[0].a;
      return start({
        track: 'community',
        channel: 'window',
        title: request.title,
        applicant: request.applicant,
        intakeBy: actor.id,
        community: request.community,
        team: { dedicated: agent.userId },
      });
    },

    /** 红马甲: a hall helper for online or self-service handling, the least busy today. */
    async redVestHelp(request: { applicantName: string; need: 'online' | 'selfService'; note?: string }) {
      const helpers = Object.values(AGENTS).filter((a) => a.role === 'redVest');
      const since = new Date(Date.now() - 12 * 3_600_000);
      const loads = await Promise.all(
        helpers.map(async (h) => ({
          h,
          load: await prisma.machineNotification.count({ where: { recipient: h.userId, kind: 'redVest', at: { gte: since } } }),
        })),
      );
      loads.sort((x, y) => x.load - y.load || x.h.userId.localeCompare(y.h.userId));
      const helper = loads[0].h;
      const message = `${request.need === 'online' ? '网上办' : '自助办'}协助：${request.applicantName}${request.note ? `（${request.note}）` : ''}`;
      await prisma.machineNotification.create({
        data: { instanceId: `redvest-${Date.now()}`, kind: 'redVest', recipient: helper.userId, message, at: new Date() },
      });
      return { helper: { userId: helper.userId, name: helper.name }, message };
    },

    async send(instanceId: string, event: Event, actor: AuthenticatedActor): Promise<MachineView> {
      await this.row(instanceId);
      if (event.type === 'agency.accept') checkTeam(event.team as AgencyTeam);
      if (event.type === 'preReview.schedule') {
        const unknown = (event.departments as string[]).filter((d) => !DEPARTMENTS[d]);
        if (unknown.length)
          throw badRequest(`未知部门 (unknown departments): ${unknown.join(', ')}`, { field: 'departments', value: unknown });
      }
      if (event.type === 'phase.followUp' || event.type === 'agency.complete') await syncCases(instanceId, actor.id);
      return machines.send('agency', instanceId, event, actor.id);
    },

    /** 互动联办: the agent starts one of the project's items as a case, in the applicant's name, and follows it. */
    async startCase(
      instanceId: string,
      request: { processKey: string; title?: string; variables: Record<string, unknown> },
      actor: AuthenticatedActor,
    ) {
      await this.row(instanceId);
      const view = await machines.view('agency', instanceId);
      if (!view.allowedEvents.includes('case.linked')) {
        throw conflict('只有在互动联办阶段才能发起办件 (cases are started during 互动联办)', {
          state: view.value,
          allowedEvents: view.allowedEvents,
        });
      }
      const applicant = view.context.applicant as { userId?: string; name: string };
      if (!applicant.userId)
        throw badRequest('申请人没有账号，无法以其名义发起办件 (the applicant has no user id)', { field: 'applicant.userId' });
      const started = await cases.start(
        {
          processKey: request.processKey,
          applicantId: applicant.userId,
          title: request.title,
          variables: { ...request.variables, agencyProjectId: instanceId },
        },
        actor,
        'agency',
      );
      const project = await machines.send(
        'agency',
        instanceId,
        { type: 'case.linked', caseId: started.caseId, title: request.title ?? request.processKey },
        actor.id,
      );
      return { case: started, project };
    },

    async get(instanceId: string, actor: AuthenticatedActor) {
      const row = await this.row(instanceId);
      const applicant = (row.context as { applicant?: { userId?: string } }).applicant;
      if (!isStaff(actor) && applicant?.userId !== actor.id) throw notFound('agency', instanceId);
      const [view, history, notices] = await Promise.all([
        machines.view('agency', instanceId),
        machines.history(instanceId),
        prisma.machineNotification.findMany({ where: { instanceId }, orderBy: { id: 'asc' } }),
      ]);
      return { ...view, history, notices: notices.map(({ id: _id, ...n }) => n) };
    },

    /** The agent's board: their projects, every case under each with its state, and who each is waiting on. */
    async board(agentId: string) {
      const rows = await prisma.machineInstance.findMany({ where: { kind: 'agency' }, orderBy: { createdAt: 'desc' }, take: 500 });
      const mine = rows.filter((r) => ((r.context as { teamIds?: string[] }).teamIds ?? []).includes(agentId));
      const caseIds = mine.flatMap((r) => ((r.context as { cases?: LinkedCase[] }).cases ?? []).map((c) => c.caseId));
      const [caseRows, tasks] = await Promise.all([
        prisma.case.findMany({ where: { id: { in: caseIds } } }),
        prisma.task.findMany({ where: { caseId: { in: caseIds }, status: 'open' } }),
      ]);
      const items = mine.map((r) => {
        const ctx = r.context as unknown as {
          title: string;
          phase: string;
          track: string;
          teamIds: string[];
          cases?: LinkedCase[];
          preReview?: { departments: string[]; opinions: Record<string, string> };
          applicant: { name: string };
        };
        const linked = (ctx.cases ?? []).map((c) => {
          const row = caseRows.find((x) => x.id === c.caseId);
          const open = tasks.filter((t) => t.caseId === c.caseId);
          return {
            caseId: c.caseId,
            title: c.title,
            status: row?.status ?? 'unknown',
            openTasks: open.map((t) => ({
              taskId: t.id,
              name: t.name,
              waitingOn: t.assignee ? [t.assignee] : [...t.candidateUsers, ...t.candidateGroups.map((g) => `group:${g}`)],
            })),
          };
        });
        return {
          instanceId: r.id,
          title: ctx.title,
          track: ctx.track,
          applicant: ctx.applicant.name,
          state: r.state,
          states: r.states,
          status: r.status,
          phase: ctx.phase,
          team: ctx.teamIds,
          cases: linked,
          waitingOn: waitingOn(r.states, ctx, linked),
        };
      });
      // Key projects taken in without a team wait for a dedicated agent of the 专班 to accept them.
      const unassigned = rows
        .filter((r) => r.status === 'active' && r.states.includes('applied'))
        .map((r) => ({
          r,
          ctx: r.context as unknown as { title: string; track: string; channel: string; teamIds?: string[]; applicant: { name: string } },
        }))
        .filter(({ ctx }) => ctx.track === 'keyProject' && !(ctx.teamIds ?? []).length)
        .map(({ r, ctx }) => ({
          instanceId: r.id,
          title: ctx.title,
          applicant: ctx.applicant.name,
          channel: ctx.channel,
          createdAt: r.createdAt,
        }));
      return { items, total: items.length, unassigned };
    },

    async list(filter: { status?: string; limit: number; offset: number }) {
      const where = { kind: 'agency', ...(filter.status ? { status: filter.status } : {}) };
      const [items, total] = await Promise.all([
        prisma.machineInstance.findMany({ where, orderBy: { createdAt: 'desc' }, take: filter.limit, skip: filter.offset }),
        prisma.machineInstance.count({ where }),
      ]);
      return { items, total };
    },

    async row(instanceId: string) {
      const row = await prisma.machineInstance.findUnique({ where: { id: instanceId } });
      if (!row || row.kind !== 'agency') throw notFound('agency', instanceId);
      return row;
    },
  };
}

/** Who the project is waiting on, in words the agent can act on. */
function waitingOn(
  states: string[],
  ctx: { preReview?: { departments: string[]; opinions: Record<string, string> } },
  cases: { caseId: string; status: string; openTasks: { name: string; waitingOn: string[] }[] }[],
): string[] {
  if (states.includes('applied')) return ['代办专班受理'];
  if (states.includes('accepted')) return ['项目单位签订委托书'];
  if (states.includes('suspended')) return ['项目单位续签委托书'];
  if (states.includes('inProgress.preReview.guiding')) return ['代办员安排联合预审'];
  if (states.includes('inProgress.preReview.meeting')) {
    const pr = ctx.preReview ?? { departments: [], opinions: {} };
    return pr.departments.filter((d) => !(d in pr.opinions)).map((d) => `dept:${d}`);
  }
  if (states.includes('inProgress.jointHandling')) {
    const pending = cases.filter((c) => c.status === 'running');
    if (!cases.length) return ['代办员发起办件'];
    if (!pending.length) return ['代办员转入全周期跟办'];
    return pending.flatMap((c) => c.openTasks.flatMap((t) => t.waitingOn.map((w) => `${c.caseId}/${t.name}: ${w}`)));
  }
  if (states.includes('inProgress.followUp')) return ['项目投产运营'];
  if (states.includes('completed') || states.includes('terminated')) return ['项目单位评价'];
  return [];
}

export type AgencyService = ReturnType<typeof createAgencyService>;
