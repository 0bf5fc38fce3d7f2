import { assertEvent, assign, setup } from 'xstate';
import { hostedActions, type MachineBaseInput } from './common';
import { atOf, computeDeadline, supervisedStep, supervisionDelays, type ActiveDeadline, type DeadlineSpec } from './supervision';

/**
 * "办不成事" window (陕政办发〔2023〕1号, docs/rules.md#fallback-window): 登记 → 分类 → 转办 → 办结 → 反馈 → 核查 → 备案, with 督办 on every
 * step that has a deadline until the matter is filed.
 */
export type FallbackCategory = 'simple' | 'general' | 'complex' | 'cannot';
/** The three causes (Lianhu): 办不了 (law does not allow), 很难办 (e.g. key material missing), 不给办 (staff inaction). */
export type FallbackCause = 'cannotDo' | 'hardToDo' | 'refused';

export const FALLBACK_CATEGORY_LABELS: Record<FallbackCategory, string> = {
  simple: '简单事项',
  general: '一般事项',
  complex: '复杂事项',
  cannot: '不能办',
};
export const FALLBACK_CAUSE_LABELS: Record<FallbackCause, string> = { cannotDo: '办不了', hardToDo: '很难办', refused: '不给办' };
export const FALLBACK_STATE_LABELS: Record<string, string> = {
  registered: '登记',
  onTheSpot: '即办',
  transferred: '转办',
  explaining: '政策解释',
  concluded: '办结',
  fedBack: '已反馈',
  verified: '已核查',
  filed: '备案',
};

export interface FallbackInput extends MachineBaseInput {
  matter: string;
  applicant: { name: string; phone?: string; userId?: string };
  registeredBy: string;
  /** The supervisor told about every 不给办 (staff inaction) complaint. */
  supervisor: string;
  /** The leadership escalations go to. */
  leadership: string;
  hotlineOrderIds?: string[];
}

export interface FallbackContext extends FallbackInput {
  hotlineOrderIds: string[];
  category?: FallbackCategory;
  cause?: FallbackCause;
  department?: string;
  holder?: string;
  conclusion?: string;
  satisfied?: boolean;
  verifyRounds: number;
  deadline?: ActiveDeadline;
}

export type FallbackEvent = { at?: number; actor?: string } & (
  | { type: 'fallback.classify'; category: FallbackCategory; cause: FallbackCause; department: string; holder: string; note?: string }
  | { type: 'fallback.conclude'; result: string }
  | { type: 'fallback.explain'; policy: string }
  | { type: 'fallback.feedback'; satisfied: boolean; note?: string }
  | { type: 'fallback.verify'; passed: boolean; note?: string }
  | { type: 'fallback.file' }
  | { type: 'fallback.linkOrders'; orderIds: string[] }
);

export const fallbackMachine = setup({
  types: { context: {} as FallbackContext, events: {} as FallbackEvent, input: {} as FallbackInput },
  actions: {
    ...hostedActions,
    setDeadline: assign(({ context, event }, spec: DeadlineSpec) => ({ deadline: computeDeadline(context, atOf(event, context), spec) })),
    clearDeadline: assign({ deadline: undefined }),
    classify: assign(({ event }) => {
      assertEvent(event, 'fallback.classify');
      return { category: event.category, cause: event.cause, department: event.department, holder: event.holder };
    }),
    conclude: assign(({ event }) => {
      assertEvent(event, ['fallback.conclude', 'fallback.explain']);
      return { conclusion: event.type === 'fallback.conclude' ? event.result : event.policy };
    }),
  },
  delays: supervisionDelays,
  guards: {
    isSimple: ({ event }) => event.type === 'fallback.classify' && event.category === 'simple',
    isCannot: ({ event }) => event.type === 'fallback.classify' && event.category === 'cannot',
    isRefused: ({ event }) => event.type === 'fallback.classify' && event.cause === 'refused',
    passed: ({ event }) => event.type === 'fallback.verify' && event.passed,
    wasCannot: ({ context }) => context.category === 'cannot',
  },
}).createMachine({
  id: 'fallback',
  context: ({ input }) => ({ ...input, hotlineOrderIds: input.hotlineOrderIds ?? [], verifyRounds: 0 }),
  initial: 'registered',
  on: {
    'fallback.linkOrders': {
      actions: assign(({ context, event }) => ({ hotlineOrderIds: [...new Set([...context.hotlineOrderIds, ...event.orderIds])] })),
    },
  },
  states: {
    registered: {
      entry: [
        {
          type: 'notify',
          params: ({ context }) => ({ to: 'applicant', message: `您反映的“办不成事”问题已登记（记录单 ${context.instanceId}）` }),
        },
      ],
      on: {
        'fallback.classify': [
          {
            guard: 'isRefused',
            target: 'route',
            actions: [
              'classify',
              {
                type: 'notify',
                params: ({ context, event }) => ({
                  to: context.supervisor,
                  message: `“不给办”反映（${context.instanceId}）：${context.matter}；责任部门 ${event.department}`,
                }),
              },
            ],
          },
          { target: 'route', actions: 'classify' },
        ],
      },
    },
    // Routing after classification is separate so 不给办 can notify the supervisor and still branch by category.
    route: {
      always: [
        { guard: ({ context }) => context.category === 'simple', target: 'onTheSpot' },
        { guard: ({ context }) => context.category === 'cannot', target: 'explaining' },
        { target: 'transferred' },
      ],
    },
    onTheSpot: {
      on: { 'fallback.conclude': { target: 'concluded', actions: 'conclude' } },
    },
    transferred: {
      entry: [
        {
          type: 'setDeadline',
          params: ({ context }) => ({
            step: 'transferred',
            key: context.category as string,
            holder: context.holder as string,
            department: context.department,
          }),
        },
        {
          type: 'notify',
          params: ({ context }) => ({
            to: `dept:${context.department}`,
            message: `转办单：${context.matter}（${context.instanceId}），请于 ${context.deadlines[context.category as string]?.workingDays} 个工作日内办结反馈`,
          }),
        },
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: { 'fallback.conclude': { target: 'concluded', actions: 'conclude' } },
    },
    explaining: {
      entry: [
        {
          type: 'setDeadline',
          params: ({ context }) => ({
            step: 'explaining',
            key: 'cannot',
            holder: context.holder as string,
            department: context.department,
          }),
        },
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: { 'fallback.explain': { target: 'concluded', actions: 'conclude' } },
    },
    concluded: {
      entry: [
        { type: 'setDeadline', params: ({ context }) => ({ step: 'concluded', key: 'feedback', holder: context.registeredBy }) },
        { type: 'notify', params: ({ context }) => ({ to: 'applicant', message: `您反映的问题已办结：${context.conclusion ?? ''}` }) },
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: { 'fallback.feedback': { target: 'fedBack', actions: assign(({ event }) => ({ satisfied: event.satisfied })) } },
    },
    fedBack: {
      entry: [{ type: 'setDeadline', params: ({ context }) => ({ step: 'fedBack', key: 'verify', holder: context.registeredBy }) }],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: {
        'fallback.verify': [
          { guard: 'passed', target: 'verified', actions: assign(({ context }) => ({ verifyRounds: context.verifyRounds + 1 })) },
          { guard: 'wasCannot', target: 'explaining', actions: assign(({ context }) => ({ verifyRounds: context.verifyRounds + 1 })) },
          { target: 'transferred', actions: assign(({ context }) => ({ verifyRounds: context.verifyRounds + 1 })) },
        ],
      },
    },
    verified: {
      on: { 'fallback.file': 'filed' },
    },
    filed: { type: 'final' },
  },
});
