import { assign, setup } from 'xstate';
import { hostedActions } from '../common';
import { atOf, computeDeadline, supervisedStep, supervisionDelays, type DeadlineSpec } from '../supervision';
import type { LinkageBase, LinkageContextBase } from './base';

/**
 * 审批信息通报 (docs/rules.md#linkage): every approval decision (and every 告知承诺 approval) is pushed to the
 * supervising department at decision time (Jincheng); its liaison signs for it (认领, Dongying) within the
 * deadline (Xiangyang: 2 WD); unsigned → reminder → 催办 → escalation, the area's commissioner told.
 */
export interface NoticeInput extends LinkageBase {
  caseId: string;
  itemName: string;
  decision: string;
  commitment: boolean;
  decidedAt: string;
}
export interface NoticeContext extends NoticeInput, LinkageContextBase {
  signedBy?: string;
  signedAt?: number;
}
export type NoticeEvent = { at?: number; actor?: string } & { type: 'notice.sign'; note?: string };

export const noticeMachine = setup({
  types: { context: {} as NoticeContext, events: {} as NoticeEvent, input: {} as NoticeInput },
  actions: {
    ...hostedActions,
    setDeadline: assign(({ context, event }, spec: DeadlineSpec) => ({ deadline: computeDeadline(context, atOf(event, context), spec) })),
    clearDeadline: assign({ deadline: undefined }),
  },
  delays: supervisionDelays,
}).createMachine({
  id: 'linkageNotice',
  context: ({ input }) => ({ ...input }),
  initial: 'pushed',
  states: {
    pushed: {
      entry: [
        {
          type: 'setDeadline',
          params: ({ context }) => ({
            step: 'pushed',
            key: 'signFor',
            holder: `dept:${context.department}`,
            department: context.department,
          }),
        },
        {
          type: 'notify',
          params: ({ context }) => ({
            to: `dept:${context.department}`,
            message: `审批信息通报：${context.itemName}（办件 ${context.caseId}）${context.commitment ? '告知承诺' : ''}审批决定“${context.decision}”，请认领并纳入监管`,
          }),
        },
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: { 'notice.sign': { target: 'signed', actions: assign(({ event }) => ({ signedBy: event.actor, signedAt: atOf(event) })) } },
    },
    signed: { type: 'final' },
  },
});
