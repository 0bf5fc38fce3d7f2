import { addWorkingDays, type MachineClock } from './clock';
import type { DeadlineParam } from './deadlines';

/**
 * 督办 (supervision) for any step with a deadline: remind before it, 催办 when it passes, escalate to the
 * leadership N working days after, and keep escalating every N days until the step is left. A machine
 * puts `deadline.set` in the step's entry and spreads `supervisedStep` into the step's config; leaving the
 * step cancels the timers (xstate emits `xstate.cancel`, the host cancels the durable timer).
 */
export interface ActiveDeadline {
  step: string;
  key: string;
  workingDays: number;
  source: string;
  holder: string;
  department?: string;
  enteredAt: number;
  remindAt: number;
  dueAt: number;
  escalateAt: number;
}

export interface SupervisedContext {
  /** Start time of the instance (epoch ms). */
  at?: number;
  clock: MachineClock;
  deadlines: Record<string, DeadlineParam>;
  deadline?: ActiveDeadline;
}

/** Every event the host delivers carries the workflow time (epoch ms) it was received at. */
export interface Timed {
  at?: number;
}

/** The event's time; the machine's start time for the init event (entry actions of the initial state). */
export const atOf = (event: unknown, context?: Timed): number => {
  const at = (event as Timed).at;
  return typeof at === 'number' ? at : (context?.at ?? 0);
};

export interface DeadlineSpec {
  step: string;
  key: string;
  holder: string;
  department?: string;
  /** Working days that replace the table value for this step (e.g. an approved 延期). */
  workingDays?: number;
  /** Counting starts here instead of at the event (a 延期 keeps the original start). */
  from?: number;
}

export function computeDeadline(context: SupervisedContext, at: number, spec: DeadlineSpec): ActiveDeadline {
  const param = context.deadlines[spec.key];
  if (!param) throw new Error(`no deadline parameter ${spec.key}`);
  const wd = spec.workingDays ?? param.workingDays;
  const remindBefore = context.deadlines.remindBefore?.workingDays ?? 1;
  const escalateAfter = context.deadlines.escalateAfter?.workingDays ?? 5;
  const start = spec.from ?? at;
  const dueAt = addWorkingDays(context.clock, start, wd);
  const { from: _from, ...rest } = spec;
  return {
    ...rest,
    workingDays: wd,
    source: param.source,
    enteredAt: at,
    // A step no longer than the reminder lead is reminded half-way instead of at once.
    remindAt: wd > remindBefore ? addWorkingDays(context.clock, start, wd - remindBefore) : start + Math.round((dueAt - start) / 2),
    dueAt,
    escalateAt: addWorkingDays(context.clock, dueAt, escalateAfter),
  };
}

type DelayArgs = { context: SupervisedContext; event: unknown };
const until = (target: number | undefined, event: unknown, context: SupervisedContext) => Math.max(0, (target ?? 0) - atOf(event, context));

/** Named delays to spread into `setup({ delays })`. */
export const supervisionDelays = {
  remindDelay: ({ context, event }: DelayArgs) => until(context.deadline?.remindAt, event, context),
  dueDelay: ({ context, event }: DelayArgs) => until(context.deadline?.dueAt, event, context),
  escalateDelay: ({ context, event }: DelayArgs) => until(context.deadline?.escalateAt, event, context),
  repeatDelay: ({ context, event }: DelayArgs) =>
    addWorkingDays(context.clock, atOf(event, context), context.deadlines.escalateAfter?.workingDays ?? 5) - atOf(event, context),
};

export type SupervisionLevel = 'remind' | 'urge' | 'escalate';

export interface SupervisionParams {
  level: SupervisionLevel;
  deadline: ActiveDeadline;
}

/** The notice a supervision action carries to the host (and from there to the escalation table). */
export function supervisionParams(level: SupervisionLevel) {
  return ({ context }: { context: SupervisedContext }): SupervisionParams => ({ level, deadline: context.deadline as ActiveDeadline });
}

/** Timer sub-states of a supervised step. Action names must exist in the machine's setup (`supervision`). */
export const supervisedStep = {
  initial: 'onTime',
  states: {
    onTime: { after: { remindDelay: { target: 'dueSoon', actions: [{ type: 'supervision', params: supervisionParams('remind') }] } } },
    dueSoon: { after: { dueDelay: { target: 'overdue', actions: [{ type: 'supervision', params: supervisionParams('urge') }] } } },
    overdue: {
      after: { escalateDelay: { target: 'escalated', actions: [{ type: 'supervision', params: supervisionParams('escalate') }] } },
    },
    escalated: {
      after: {
        repeatDelay: { target: 'escalated', reenter: true, actions: [{ type: 'supervision', params: supervisionParams('escalate') }] },
      },
    },
  },
} as const;

/** The 督办 sub-state names, in order, for tests and the supervisor's view. */
export const SUPERVISION_STATES = ['onTime', 'dueSoon', 'overdue', 'escalated'] as const;
