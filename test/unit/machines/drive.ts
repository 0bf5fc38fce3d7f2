import { initialTransition, transition, type AnyStateMachine, type AnyMachineSnapshot, type EventObject } from 'xstate';

/** Drives a machine through the pure API exactly as the Temporal host does, and keeps what it returned. */
export interface Step {
  snapshot: AnyMachineSnapshot;
  actions: { type: string; params?: unknown }[];
}

export function start(machine: AnyStateMachine, input: unknown): Step {
  const [snapshot, actions] = initialTransition(machine, input);
  return { snapshot, actions: actions as Step['actions'] };
}

/** Round-trips the snapshot through JSON first, like the hosted workflow. */
export function send(machine: AnyStateMachine, step: Step, event: EventObject & Record<string, unknown>): Step {
  const restored = machine.resolveState(JSON.parse(JSON.stringify({ value: step.snapshot.value, context: step.snapshot.context })));
  const [snapshot, actions] = transition(machine, restored, event);
  return { snapshot, actions: actions as Step['actions'] };
}

/** Named (host-executed) actions with their params. */
export const named = (step: Step) =>
  step.actions.filter((a) => !a.type.startsWith('xstate.')).map((a) => ({ type: a.type, params: a.params }));

/** Delayed raises (durable timers) the host would start. */
export const timers = (step: Step) =>
  step.actions
    .filter((a) => a.type === 'xstate.raise' && (a.params as { delay?: number }).delay !== undefined)
    .map((a) => a.params as { id: string; delay: number; event: EventObject });

export const cancels = (step: Step) =>
  step.actions.filter((a) => a.type === 'xstate.cancel').map((a) => (a.params as { sendId: string }).sendId);

/** Fires the only pending timer, at the time it is due. */
export function fire(machine: AnyStateMachine, step: Step, now: number): Step & { firedAt: number } {
  const [timer] = timers(step);
  if (!timer) throw new Error(`no timer pending in ${JSON.stringify(step.snapshot.value)}`);
  const firedAt = now + timer.delay;
  return { ...send(machine, step, { ...timer.event, at: firedAt }), firedAt };
}

export const can = (step: Step, event: EventObject & Record<string, unknown>) => step.snapshot.can(event);
