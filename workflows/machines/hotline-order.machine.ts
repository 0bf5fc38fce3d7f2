import { assertEvent, assign, setup } from 'xstate';
import { addWorkingDays } from './clock';
import { hostedActions, type MachineBaseInput } from './common';
import { atOf, computeDeadline, supervisedStep, supervisionDelays, type ActiveDeadline, type DeadlineSpec } from './supervision';

/**
 * One 12345 work order (国办发〔2020〕53号, docs/rules.md#hotline): 受理 → 派单 → 签收 → 办理 ↔ 退单 (→ 改派) ↔ 延期 → 答复 → 回访 → 评价 →
 * 办结 | 重办. Repeats are 并单 (merged) into a "办不成事" fallback record.
 */
export type HotlineCategory = 'consult' | 'help' | 'complaint';
export const HOTLINE_CATEGORY_LABELS: Record<HotlineCategory, string> = { consult: '咨询', help: '求助/意见建议', complaint: '投诉举报' };
export const HOTLINE_STATE_LABELS: Record<string, string> = {
  received: '受理',
  dispatched: '已派单(待签收)',
  handling: '办理中',
  returned: '退单待审核',
  replied: '已答复(待回访)',
  revisited: '已回访(待评价)',
  closed: '办结',
  merged: '已并单',
  following: '已并单（随主单办理）',
};

export interface HotlineOrderInput extends MachineBaseInput {
  orderId: string;
  callerPhone: string;
  callerName?: string;
  subject?: string;
  category: HotlineCategory;
  content: string;
  /** The hotline dispatcher who holds 派单. */
  dispatcher: string;
  /**
   * When the 12345 centre received the request (ms), if before intake here. The order's clock starts
   * then: the 派单 period runs from receipt, not from when the order was entered into this system.
   */
  receivedAt?: number;
}

export interface HotlineOrderContext extends HotlineOrderInput {
  department?: string;
  holder?: string;
  dispatchedAt?: number;
  handlingStartedAt?: number;
  extensionDays: number;
  returns: { department?: string; reason: string; at: number }[];
  reply?: string;
  revisit?: { reached: boolean; note?: string };
  satisfied?: boolean;
  redoCount: number;
  mergedInto?: string;
  deadline?: ActiveDeadline;
  /** 并单: the lead order this one follows, and the lead's last known state, unit and holder. */
  leadOrderId?: string;
  lead?: { state: string; department?: string; holder?: string };
  splits?: { from: string; reason: string; at: number }[];
}

type Meta = { at?: number; actor?: string };
export type HotlineOrderEvent = Meta &
  (
    | { type: 'order.dispatch'; department: string; holder: string }
    | { type: 'order.sign' }
    | { type: 'order.return'; reason: string }
    | { type: 'order.reassign'; department: string; holder: string }
    | { type: 'order.extend'; workingDays: number; reason: string }
    | { type: 'order.reply'; content: string }
    | { type: 'order.revisit'; reached: boolean; note?: string }
    | { type: 'order.rate'; satisfied: boolean; comment?: string }
    | { type: 'order.merge'; fallbackId: string }
    | { type: 'order.follow'; leadOrderId: string; fallbackId?: string }
    | { type: 'order.leadUpdate'; state: string; department?: string; holder?: string }
    | { type: 'order.leadReplied'; content: string }
    | { type: 'order.split'; reason: string }
  );

/** An open order joins a repeat group: it follows the lead order (并单) instead of being handled twice. */
const follow = { target: 'following', actions: 'followLead' } as const;

export const hotlineOrderMachine = setup({
  types: { context: {} as HotlineOrderContext, events: {} as HotlineOrderEvent, input: {} as HotlineOrderInput },
  actions: {
    ...hostedActions,
    setDeadline: assign(({ context, event }, spec: DeadlineSpec) => ({ deadline: computeDeadline(context, atOf(event, context), spec) })),
    clearDeadline: assign({ deadline: undefined }),
    recordReturn: assign(({ context, event }) => {
      assertEvent(event, 'order.return');
      return { returns: [...context.returns, { department: context.department, reason: event.reason, at: atOf(event) }] };
    }),
    followLead: assign(({ event }) => {
      assertEvent(event, 'order.follow');
      return { leadOrderId: event.leadOrderId, mergedInto: event.fallbackId, lead: undefined };
    }),
    assignDepartment: assign(({ event }) => {
      assertEvent(event, ['order.dispatch', 'order.reassign']);
      return { department: event.department, holder: event.holder, dispatchedAt: atOf(event) };
    }),
  },
  delays: supervisionDelays,
  guards: {
    // 退单 only within the return window after dispatch (Shandong: 2 WD), else the unit must handle it.
    inReturnWindow: ({ context, event }) =>
      atOf(event) <= addWorkingDays(context.clock, context.dispatchedAt ?? 0, context.deadlines.returnWithin.workingDays),
    extensionAllowed: ({ context, event }) =>
      event.type === 'order.extend' &&
      event.workingDays > 0 &&
      context.extensionDays + event.workingDays <= context.deadlines.maxExtension.workingDays,
    satisfied: ({ event }) => event.type === 'order.rate' && event.satisfied,
  },
}).createMachine({
  id: 'hotlineOrder',
  context: ({ input }) => ({ ...input, extensionDays: 0, returns: [], redoCount: 0 }),
  initial: 'received',
  on: {
    'order.merge': { target: '.merged', actions: assign(({ event }) => ({ mergedInto: event.fallbackId })) },
  },
  states: {
    received: {
      entry: [
        {
          type: 'setDeadline',
          params: ({ context }) => ({
            step: 'received',
            key: 'dispatch',
            holder: context.dispatcher,
            ...(context.receivedAt !== undefined ? { from: context.receivedAt } : {}),
          }),
        },
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: { 'order.dispatch': { target: 'dispatched', actions: 'assignDepartment' }, 'order.follow': follow },
    },
    dispatched: {
      entry: [
        {
          type: 'setDeadline',
          params: ({ context }) => ({ step: 'dispatched', key: 'sign', holder: context.holder as string, department: context.department }),
        },
        {
          type: 'notify',
          params: ({ context }) => ({
            to: `dept:${context.department}`,
            message: `12345工单 ${context.orderId} 已派至贵单位，请签收：${context.content}`,
          }),
        },
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: {
        'order.sign': { target: 'handling', actions: assign(({ event }) => ({ handlingStartedAt: atOf(event), extensionDays: 0 })) },
        'order.return': { guard: 'inReturnWindow', target: 'returned', actions: 'recordReturn' },
        'order.follow': follow,
      },
    },
    handling: {
      entry: [
        {
          type: 'setDeadline',
          params: ({ context }) => ({
            step: 'handling',
            key: context.category,
            holder: context.holder as string,
            department: context.department,
            from: context.handlingStartedAt,
            workingDays: context.deadlines[context.category].workingDays + context.extensionDays,
          }),
        },
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: {
        'order.extend': {
          guard: 'extensionAllowed',
          target: 'handling',
          reenter: true,
          actions: assign(({ context, event }) => ({ extensionDays: context.extensionDays + event.workingDays })),
        },
        'order.return': { guard: 'inReturnWindow', target: 'returned', actions: 'recordReturn' },
        'order.reply': { target: 'replied', actions: assign(({ event }) => ({ reply: event.content })) },
        'order.follow': follow,
      },
    },
    returned: {
      on: { 'order.reassign': { target: 'dispatched', actions: 'assignDepartment' }, 'order.follow': follow },
    },
    // Follows the lead order: its unit and state are mirrored here; the lead's 答复 reaches this caller too.
    following: {
      on: {
        'order.leadUpdate': {
          actions: assign(({ event }) => ({
            lead: { state: event.state, department: event.department, holder: event.holder },
            department: event.department,
            holder: event.holder,
          })),
        },
        'order.leadReplied': { target: 'replied', actions: assign(({ event }) => ({ reply: event.content })) },
        // 拆单: a wrong merge goes back to 受理 to be dispatched on its own.
        'order.split': {
          target: 'received',
          actions: assign(({ context, event }) => ({
            splits: [...(context.splits ?? []), { from: context.leadOrderId ?? '', reason: event.reason, at: atOf(event) }],
            leadOrderId: undefined,
            mergedInto: undefined,
            lead: undefined,
            department: undefined,
            holder: undefined,
          })),
        },
      },
    },
    replied: {
      entry: [
        { type: 'setDeadline', params: ({ context }) => ({ step: 'replied', key: 'revisit', holder: context.dispatcher }) },
        {
          type: 'notify',
          params: ({ context }) => ({
            to: `caller:${context.callerPhone}`,
            message: `您的12345诉求（${context.orderId}）已答复：${context.reply ?? ''}`,
          }),
        },
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: {
        'order.revisit': {
          target: 'revisited',
          actions: assign(({ event }) => ({ revisit: { reached: event.reached, note: event.note } })),
        },
      },
    },
    revisited: {
      on: {
        'order.rate': [
          { guard: 'satisfied', target: 'closed', actions: assign({ satisfied: true }) },
          // 不满意 → 重办: back to the same unit, counting anew.
          {
            target: 'handling',
            actions: assign(({ context, event }) => ({
              satisfied: false,
              redoCount: context.redoCount + 1,
              handlingStartedAt: atOf(event),
              extensionDays: 0,
            })),
          },
        ],
      },
    },
    closed: { type: 'final' },
    merged: { type: 'final' },
  },
});
