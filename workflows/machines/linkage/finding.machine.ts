import { assign, setup } from 'xstate';
import { hostedActions } from '../common';
import { atOf, computeDeadline, supervisedStep, supervisionDelays, type DeadlineSpec } from '../supervision';
import type { LinkageBase, LinkageContextBase } from './base';

/**
 * 监管结果抄告 (docs/rules.md#linkage): a supervision finding (虚假承诺, 违法违规 …) is pushed back to the approval
 * side within 1 WD (Jincheng); the approval side acts — 撤销 / 限制准入 / 补办 (Dongying) — and records it.
 */
export type FindingType = 'falseCommitment' | 'violation' | 'other';
export type FindingAction = 'revoke' | 'restrict' | 'remedy';
export const FINDING_ACTION_LABELS: Record<FindingAction, string> = { revoke: '撤销', restrict: '限制准入', remedy: '补办' };

export interface FindingInput extends LinkageBase {
  caseId?: string;
  findingType: FindingType;
  description: string;
  /** The approval department that must act (the 审批局). */
  approvalDepartment: string;
}
export interface FindingContext extends FindingInput, LinkageContextBase {
  pushedAt?: number;
  action?: { action: FindingAction; note: string; by?: string; at: number };
}
export type FindingEvent = { at?: number; actor?: string } & (
  { type: 'finding.push' } | { type: 'finding.act'; action: FindingAction; note: string }
);

export const findingMachine = setup({
  types: { context: {} as FindingContext, events: {} as FindingEvent, input: {} as FindingInput },
  actions: {
    ...hostedActions,
    setDeadline: assign(({ context, event }, spec: DeadlineSpec) => ({ deadline: computeDeadline(context, atOf(event, context), spec) })),
    clearDeadline: assign({ deadline: undefined }),
  },
  delays: supervisionDelays,
}).createMachine({
  id: 'linkageFinding',
  context: ({ input }) => ({ ...input }),
  initial: 'found',
  states: {
    found: {
      entry: {
        type: 'setDeadline',
        params: ({ context }) => ({
          step: 'found',
          key: 'findingPush',
          holder: `dept:${context.department}`,
          department: context.department,
        }),
      },
      exit: 'clearDeadline',
      ...supervisedStep,
      on: { 'finding.push': { target: 'pushed', actions: assign(({ event }) => ({ pushedAt: atOf(event) })) } },
    },
    pushed: {
      entry: [
        {
          type: 'setDeadline',
          params: ({ context }) => ({
            step: 'pushed',
            key: 'findingAction',
            holder: `dept:${context.approvalDepartment}`,
            department: context.approvalDepartment,
          }),
        },
        {
          type: 'notify',
          params: ({ context }) => ({
            to: `dept:${context.approvalDepartment}`,
            message: `监管结果抄告：${context.title}${context.caseId ? `（办件 ${context.caseId}）` : ''}：${context.description}`,
          }),
        },
      ],
      exit: 'clearDeadline',
      ...supervisedStep,
      on: {
        'finding.act': {
          target: 'acted',
          actions: assign(({ event }) => ({ action: { action: event.action, note: event.note, by: event.actor, at: atOf(event) } })),
        },
      },
    },
    acted: { type: 'final' },
  },
});
