import { assign, setup } from 'xstate';
import { hostedActions } from '../common';
import { atOf, computeDeadline, supervisedStep, supervisionDelays, type DeadlineSpec } from '../supervision';
import type { LinkageBase, LinkageContextBase } from './base';

/**
 * 动态调整 (one of Lianhu's eight 审管联动 systems, docs/rules.md#linkage): an item-list change (add / change / cancel) is proposed, reviewed
 * and only then takes effect; the approved change is recorded for the catalogue to apply.
 */
export type AdjustmentChange = 'add' | 'change' | 'cancel';
export interface AdjustmentInput extends LinkageBase {
  change: AdjustmentChange;
  itemCode: string;
  itemName: string;
  payload: Record<string, unknown>;
  reason: string;
  proposedBy: string;
  reviewer: string;
}
export interface AdjustmentContext extends AdjustmentInput, LinkageContextBase {
  reviewNotes: string[];
  approvedBy?: string;
  rejection?: string;
}
export type AdjustmentEvent = { at?: number; actor?: string } & (
  | { type: 'adjustment.submit' }
  | { type: 'adjustment.approve'; note?: string }
  | { type: 'adjustment.return'; note: string }
  | { type: 'adjustment.reject'; reason: string }
);

export const adjustmentMachine = setup({
  types: { context: {} as AdjustmentContext, events: {} as AdjustmentEvent, input: {} as AdjustmentInput },
  actions: {
    ...hostedActions,
    setDeadline: assign(({ context, event }, spec: DeadlineSpec) => ({ deadline: computeDeadline(context, atOf(event, context), spec) })),
    clearDeadline: assign({ deadline: undefined }),
    recordAdjustment: (_: unknown, _params: Record<string, unknown>) => {},
  },
  delays: supervisionDelays,
}).createMachine({
  id: 'linkageAdjustment',
  context: ({ input }) => ({ ...input, reviewNotes: [] }),
  initial: 'proposed',
  states: {
    proposed: { on: { 'adjustment.submit': 'underReview' } },
    underReview: {
      entry: {
        type: 'setDeadline',
        params: ({ context }) => ({
          step: 'underReview',
          key: 'adjustmentReview',
          holder: context.reviewer,
          department: context.department,
        }),
      },
      exit: 'clearDeadline',
      ...supervisedStep,
      on: {
        'adjustment.approve': {
          target: 'effective',
          actions: [
            assign(({ event }) => ({ approvedBy: event.actor })),
            {
              type: 'recordAdjustment',
              params: ({ context, event }) => ({
                change: context.change,
                itemCode: context.itemCode,
                itemName: context.itemName,
                payload: context.payload,
                reason: context.reason,
                proposedBy: context.proposedBy,
                approvedBy: event.actor ?? 'unknown',
                at: atOf(event),
              }),
            },
          ],
        },
        'adjustment.return': {
          target: 'proposed',
          actions: assign(({ context, event }) => ({ reviewNotes: [...context.reviewNotes, event.note] })),
        },
        'adjustment.reject': { target: 'rejected', actions: assign(({ event }) => ({ rejection: event.reason })) },
      },
    },
    effective: { type: 'final' },
    rejected: { type: 'final' },
  },
});
