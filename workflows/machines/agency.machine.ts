import { assertEvent, assign, setup } from 'xstate';
import { hostedActions, type MachineBaseInput } from './common';
import { atOf, computeDeadline, supervisedStep, supervisionDelays, type ActiveDeadline, type DeadlineSpec } from './supervision';

/**
 * 帮办代办 (国发〔2024〕3号, docs/rules.md#agency): 申请 → 受理 (受理单) → 委托 (委托书) → 代办中 ↔ 中止 (中止单) / 续办 (续办委托书) →
 * 办结 (办结单) | 终止 (终止单) → 评价. Key projects ("343") go through three phases while 代办中: 审前导办 with a
 * 联合预审 meeting, 互动联办 (the project's items run as cases), 全周期跟办 until the project is in operation.
 * Community requests (帮办代办员, for the elderly and disabled) skip the pre-review and follow-up phases.
 * Free of charge; the applicant remains the legal applicant (申报主体) of every case.
 */
export type IntakeChannel = 'window' | 'solicitation' | 'departmentTransfer' | 'specialistHandover';
export const INTAKE_CHANNEL_LABELS: Record<IntakeChannel, string> = {
  window: '线下窗口',
  solicitation: '主动征集',
  departmentTransfer: '部门转交',
  specialistHandover: '专员移交',
};
export type AgencyTrack = 'keyProject' | 'community';
export type AgencyPhase = 'preReview' | 'jointHandling' | 'followUp';
export const AGENCY_PHASE_LABELS: Record<AgencyPhase, string> = {
  preReview: '审前导办',
  jointHandling: '互动联办',
  followUp: '全周期跟办',
};
export const AGENCY_STATE_LABELS: Record<string, string> = {
  applied: '申请',
  accepted: '受理',
  inProgress: '代办中',
  suspended: '中止',
  completed: '办结',
  terminated: '终止',
  rated: '已评价',
};

export interface AgencyTeam {
  /** 专职代办员 (or the community's 帮办代办员 for community requests). */
  dedicated: string;
  /** 业务帮办员 */
  business?: string;
  /** 企业服务专员 */
  enterprise?: string;
}

export interface AgencyInput extends MachineBaseInput {
  track: AgencyTrack;
  channel: IntakeChannel;
  title: string;
  applicant: { name: string; userId?: string; phone?: string };
  /** Who took the request in (the desk that must 受理 it). */
  intakeBy: string;
  community?: string;
  /** Pre-assigned team (community requests are routed to an agent at intake). */
  team?: AgencyTeam;
}

export interface LinkedCase {
  caseId: string;
  title: string;
  closed: boolean;
  status?: string;
}

export interface AgencyContext extends AgencyInput {
  teamIds: string[];
  holder?: string;
  phase: AgencyPhase;
  mandate?: { signedBy: string; at: number; renewals: number };
  preReview: { departments: string[]; meetingAt?: string; opinions: Record<string, string> };
  cases: LinkedCase[];
  progress: { at: number; text: string }[];
  suspension?: { reason: string; at: number };
  outcome?: 'completed' | 'terminated';
  closingReason?: string;
  rating?: { score: number; comment?: string };
  /** 无偿服务: always 0; kept in the record for the 办结单. */
  fee: 0;
  deadline?: ActiveDeadline;
}

type Meta = { at?: number; actor?: string };
export type AgencyEvent = Meta &
  (
    | { type: 'agency.accept'; team: AgencyTeam }
    | { type: 'agency.decline'; reason: string }
    | { type: 'agency.signMandate'; signedBy: string }
    | { type: 'preReview.schedule'; departments: string[]; meetingAt: string }
    | { type: 'preReview.opinion'; department: string; opinion: string }
    | { type: 'case.linked'; caseId: string; title: string }
    | { type: 'case.closed'; caseId: string; status: string }
    | { type: 'phase.followUp' }
    | { type: 'project.inOperation'; note?: string }
    | { type: 'agency.complete'; note?: string }
    | { type: 'agency.progress'; text: string }
    | { type: 'agency.suspend'; reason: string }
    | { type: 'agency.resume'; signedBy: string }
    | { type: 'agency.terminate'; reason: string }
    | { type: 'agency.rate'; score: number; comment?: string }
  );

const tellApplicant = (message: string | ((c: AgencyContext) => string)) => ({
  type: 'notify' as const,
  params: ({ context }: { context: AgencyContext }) => ({
    to: 'applicant',
    message: typeof message === 'string' ? message : message(context),
  }),
});

export const agencyMachine = setup({
  types: { context: {} as AgencyContext, events: {} as AgencyEvent, input: {} as AgencyInput },
  actions: {
    ...hostedActions,
    notifyDepartments: (_: unknown, _params: { departments: string[]; message: string }) => {},
    setDeadline: assign(({ context, event }, spec: DeadlineSpec) => ({ deadline: computeDeadline(context, atOf(event, context), spec) })),
    clearDeadline: assign({ deadline: undefined }),
    assignTeam: assign(({ event }) => {
      assertEvent(event, 'agency.accept');
      const t = event.team;
      return { team: t, holder: t.dedicated, teamIds: [t.dedicated, t.business, t.enterprise].filter((x): x is string => !!x) };
    }),
    close: assign((_, params: { outcome: 'completed' | 'terminated'; reason?: string }) => ({
      outcome: params.outcome,
      closingReason: params.reason,
    })),
  },
  delays: supervisionDelays,
  guards: {
    isCommunity: ({ context }) => context.track === 'community',
    inPhase: ({ context }, phase: AgencyPhase) => context.phase === phase,
    allOpinionsIn: ({ context }) =>
      context.preReview.departments.length > 0 && context.preReview.departments.every((d) => d in context.preReview.opinions),
    invitedDepartment: ({ context, event }) =>
      event.type === 'preReview.opinion' && context.preReview.departments.includes(event.department),
    allCasesClosed: ({ context }) => context.cases.length > 0 && context.cases.every((c) => c.closed),
    knownCase: ({ context, event }) => event.type === 'case.closed' && context.cases.some((c) => c.caseId === event.caseId),
  },
}).createMachine({
  id: 'agency',
  context: ({ input }) => ({
    ...input,
    teamIds: input.team ? [input.team.dedicated, input.team.business, input.team.enterprise].filter((x): x is string => !!x) : [],
    holder: input.team?.dedicated,
    phase: input.track === 'community' ? 'jointHandling' : 'preReview',
    preReview: { departments: [], opinions: {} },
    cases: [],
    progress: [],
    fee: 0,
  }),
  initial: 'applied',
  states: {
    applied: {
      entry: [
        { type: 'setDeadline', params: ({ context }) => ({ step: 'applied', key: 'accept', holder: context.intakeBy }) },
        tellApplicant((c) => `您的帮办代办申请“${c.title}”已收到（${c.instanceId}），本服务无偿提供，您仍为申报主体`),
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: {
        'agency.accept': { target: 'accepted', actions: 'assignTeam' },
        'agency.decline': {
          target: 'terminated',
          actions: { type: 'close', params: ({ event }) => ({ outcome: 'terminated', reason: event.reason }) },
        },
      },
    },
    accepted: {
      entry: [
        { type: 'setDeadline', params: ({ context }) => ({ step: 'accepted', key: 'mandate', holder: context.holder as string }) },
        tellApplicant((c) => `已受理（受理单 ${c.instanceId}），代办员 ${c.holder}；请签订代办服务委托书`),
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: {
        'agency.signMandate': {
          target: 'inProgress',
          actions: assign(({ event }) => ({ mandate: { signedBy: event.signedBy, at: atOf(event), renewals: 0 } })),
        },
        'agency.terminate': {
          target: 'terminated',
          actions: { type: 'close', params: ({ event }) => ({ outcome: 'terminated', reason: event.reason }) },
        },
      },
    },
    inProgress: {
      initial: 'route',
      on: {
        'agency.progress': {
          actions: [
            assign(({ context, event }) => ({ progress: [...context.progress, { at: atOf(event), text: event.text }] })),
            tellApplicant((c) => `代办进展：${c.progress[c.progress.length - 1]?.text ?? ''}`),
          ],
        },
        'agency.suspend': {
          target: 'suspended',
          actions: assign(({ event }) => ({ suspension: { reason: event.reason, at: atOf(event) } })),
        },
        'agency.terminate': {
          target: 'terminated',
          actions: { type: 'close', params: ({ event }) => ({ outcome: 'terminated', reason: event.reason }) },
        },
      },
      states: {
        // Entered on 委托 and on 续办: continue in the phase the project was in.
        route: {
          always: [
            { guard: { type: 'inPhase', params: 'preReview' }, target: 'preReview' },
            { guard: { type: 'inPhase', params: 'followUp' }, target: 'followUp' },
            { target: 'jointHandling' },
          ],
        },
        preReview: {
          initial: 'guiding',
          entry: tellApplicant('进入审前导办：代办员将辅导材料并组织联合预审'),
          states: {
            guiding: {
              on: {
                'preReview.schedule': {
                  target: 'meeting',
                  actions: assign(({ event }) => ({
                    preReview: { departments: event.departments, meetingAt: event.meetingAt, opinions: {} },
                  })),
                },
              },
            },
            // 联合预审会: every invited department gives its opinion; then the items can be filed.
            meeting: {
              entry: [
                {
                  type: 'setDeadline',
                  params: ({ context }) => ({ step: 'inProgress.preReview.meeting', key: 'preReview', holder: context.holder as string }),
                },
                {
                  type: 'notifyDepartments',
                  params: ({ context }) => ({
                    departments: context.preReview.departments,
                    message: `联合预审会：${context.title}，时间 ${context.preReview.meetingAt}`,
                  }),
                },
              ],
              exit: 'clearDeadline',
              ...supervisedStep,
              on: {
                'preReview.opinion': {
                  guard: 'invitedDepartment',
                  actions: assign(({ context, event }) => ({
                    preReview: { ...context.preReview, opinions: { ...context.preReview.opinions, [event.department]: event.opinion } },
                  })),
                },
              },
              always: {
                guard: 'allOpinionsIn',
                target: '#agency.inProgress.jointHandling',
                actions: assign({ phase: 'jointHandling' as const }),
              },
            },
          },
        },
        jointHandling: {
          entry: [assign({ phase: 'jointHandling' as const }), tellApplicant('进入互动联办：代办员将代为提交并跟踪各事项办件')],
          on: {
            'case.linked': {
              actions: assign(({ context, event }) => ({
                cases: [
                  ...context.cases.filter((c) => c.caseId !== event.caseId),
                  { caseId: event.caseId, title: event.title, closed: false },
                ],
              })),
            },
            'case.closed': {
              guard: 'knownCase',
              actions: [
                assign(({ context, event }) => ({
                  cases: context.cases.map((c) => (c.caseId === event.caseId ? { ...c, closed: true, status: event.status } : c)),
                })),
                tellApplicant('您的一个办件已办结'),
              ],
            },
            'phase.followUp': { guard: 'allCasesClosed', target: 'followUp' },
            'agency.complete': {
              guard: 'allCasesClosed',
              target: '#agency.completed',
              actions: { type: 'close', params: { outcome: 'completed' } },
            },
          },
        },
        followUp: {
          entry: [assign({ phase: 'followUp' as const }), tellApplicant('进入全周期跟办：跟踪至项目投产运营')],
          on: {
            'project.inOperation': {
              target: '#agency.completed',
              actions: { type: 'close', params: ({ event }) => ({ outcome: 'completed', reason: event.note }) },
            },
          },
        },
      },
    },
    suspended: {
      entry: tellApplicant((c) => `代办已中止（中止单）：${c.suspension?.reason ?? ''}；签订续办委托书后可续办`),
      on: {
        'agency.resume': {
          target: 'inProgress',
          actions: assign(({ context, event }) => ({
            suspension: undefined,
            mandate: { signedBy: event.signedBy, at: atOf(event), renewals: (context.mandate?.renewals ?? 0) + 1 },
          })),
        },
        'agency.terminate': {
          target: 'terminated',
          actions: { type: 'close', params: ({ event }) => ({ outcome: 'terminated', reason: event.reason }) },
        },
      },
    },
    completed: {
      entry: tellApplicant('代办已办结（办结单），结果已交还，请对本次服务评价'),
      on: {
        'agency.rate': { target: 'rated', actions: assign(({ event }) => ({ rating: { score: event.score, comment: event.comment } })) },
      },
    },
    terminated: {
      entry: tellApplicant((c) => `代办已终止（终止单）：${c.closingReason ?? ''}`),
      on: {
        'agency.rate': { target: 'rated', actions: assign(({ event }) => ({ rating: { score: event.score, comment: event.comment } })) },
      },
    },
    rated: { type: 'final' },
  },
});
