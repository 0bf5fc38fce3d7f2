import { assign, setup } from 'xstate';
import { hostedActions } from '../common';
import { atOf, computeDeadline, supervisedStep, supervisionDelays, type DeadlineSpec } from '../supervision';
import type { LinkageBase, LinkageContextBase } from './base';

/** 对上协调联动 (Lianhu's eight 审管联动 systems, docs/rules.md#linkage): a matter beyond the district's power goes to the city level; the reply is tracked. */
export interface CityInput extends LinkageBase {
  matter: string;
  reason: string;
  submittedBy: string;
}
export interface CityContext extends CityInput, LinkageContextBase {
  recipient?: string;
  reference?: string;
  reply?: string;
  outcome?: string;
}
export type CityEvent = { at?: number; actor?: string } & (
  | { type: 'city.submit'; recipient: string; reference?: string }
  | { type: 'city.reply'; content: string }
  | { type: 'city.close'; outcome: string }
);

export const cityMachine = setup({
  types: { context: {} as CityContext, events: {} as CityEvent, input: {} as CityInput },
  actions: {
    ...hostedActions,
    setDeadline: assign(({ context, event }, spec: DeadlineSpec) => ({ deadline: computeDeadline(context, atOf(event, context), spec) })),
    clearDeadline: assign({ deadline: undefined }),
  },
  delays: supervisionDelays,
}).createMachine({
  id: 'linkageCity',
  context: ({ input }) => ({ ...input }),
  initial: 'drafted',
  states: {
    drafted: {
      on: {
        'city.submit': {
          target: 'awaitingReply',
          actions: assign(({ event }) => ({ recipient: event.recipient, reference: event.reference })),
        },
      },
    },
    awaitingReply: {
      entry: {
        type: 'setDeadline',
        params: ({ context }) => ({ step: 'awaitingReply', key: 'cityReply', holder: context.submittedBy, department: context.department }),
      },
      exit: 'clearDeadline',
      ...supervisedStep,
      on: { 'city.reply': { target: 'replied', actions: assign(({ event }) => ({ reply: event.content })) } },
    },
    replied: { on: { 'city.close': { target: 'closed', actions: assign(({ event }) => ({ outcome: event.outcome })) } } },
    closed: { type: 'final' },
  },
});
