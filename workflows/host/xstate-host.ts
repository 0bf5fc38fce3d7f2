import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import {
  getStateNodes,
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
  type StateValue,
} from 'xstate';
import type { Activities } from '../../activities';

/**
 * Hosts an XState v5 machine inside a Temporal workflow through its pure transition API (XState v5
 * docs, "Pure transition functions"): the snapshot lives in workflow state as JSON; each event runs
 * `transition`; named actions become activities (in order); `xstate.raise` with a delay becomes a
 * durable timer in its own cancellation scope, and `xstate.cancel` cancels it. Machines may not invoke
 * or spawn: `resolveState` would drop the children.
 */
export interface HostedMachineArgs<I = Record<string, unknown>> {
  kind: string;
  instanceId: string;
  input: I;
  /** Continue-as-new after this many events in one run, or earlier when Temporal suggests it. */
  maxEventsPerRun?: number;
  /** Carried into a continued run: the snapshot and the timers still pending, as instants. */
  resume?: { stored: string; timers: PendingTimer[] };
}

/** The shape every machine workflow shares, so a run can continue as its own type. */
type HostedWorkflow = (args: HostedMachineArgs) => Promise<MachineView>;

interface PendingTimer {
  id: string;
  dueAt: number;
  event: EventObject;
}

/** Temporal caps updates per run at 2,000 and history size at 50 MB; a project lasting months stays far below. */
export const DEFAULT_MAX_EVENTS_PER_RUN = 500;

export interface MachineEventArgs {
  event: EventObject & Record<string, unknown>;
  actor: string;
  /**
   * Facts of the context the caller's authorisation rested on (e.g. the department an order is
   * dispatched to); the event is refused (`ContextChanged`) if one changed in between.
   */
  expectContext?: { path: (string | number)[]; equals: unknown }[];
}

export interface MachineView {
  kind: string;
  instanceId: string;
  value: StateValue;
  /** Every active state as a dotted path, outermost first (e.g. `transferred`, `transferred.overdue`). */
  states: string[];
  status: 'active' | 'done' | 'error' | 'stopped';
  context: Record<string, unknown>;
  /** Event types the machine listens for in its current state (guards may still refuse some payloads). */
  allowedEvents: string[];
}

export const machineStateQuery = defineQuery<MachineView>('machineState');
export const machineEventUpdate = defineUpdate<MachineView, [MachineEventArgs]>('machineEvent');
/** Returns once every effect dispatched so far (activities, read model) has run. */
export const machineSyncUpdate = defineUpdate<MachineView>('machineSync');

const effects = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

interface Persisted {
  value: StateValue;
  context: Record<string, unknown>;
}

export function statePaths(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  return Object.entries(value).flatMap(([key, child]) => [
    prefix + key,
    ...(child === undefined ? [] : statePaths(child as StateValue, `${prefix}${key}.`)),
  ]);
}

/** Events some active state node (or an ancestor) handles, whatever its guards say; XState's own events left out. */
export function allowedEventsOf(snapshot: AnyMachineSnapshot): string[] {
  const nodes = getStateNodes(snapshot.machine.root, snapshot.value);
  return [...new Set(nodes.flatMap((n) => n.ownEvents))].filter((e) => !e.startsWith('xstate.')).sort();
}

export async function hostMachine(machine: AnyStateMachine, args: HostedMachineArgs): Promise<MachineView> {
  const { kind, instanceId } = args;
  const timers = new Map<string, { scope: CancellationScope; dueAt: number; event: EventObject }>();
  let eventsThisRun = 0;
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (fn: () => Promise<unknown>) => {
    queue = queue.then(async () => {
      await fn();
    });
  };

  // The only machine state the workflow keeps: JSON, restored with resolveState for every event.
  let stored = '';
  const restore = (): AnyMachineSnapshot => machine.resolveState(JSON.parse(stored) as Persisted);
  const save = (snapshot: AnyMachineSnapshot) => {
    stored = JSON.stringify({ value: snapshot.value, context: snapshot.context });
  };

  const view = (): MachineView => {
    const snapshot = restore();
    return {
      kind,
      instanceId,
      value: snapshot.value,
      states: statePaths(snapshot.value),
      status: snapshot.status,
      context: snapshot.context as Record<string, unknown>,
      allowedEvents: snapshot.status === 'active' ? allowedEventsOf(snapshot) : [],
    };
  };

  const startTimer = (id: string, delay: number, event: EventObject) => {
    timers.get(id)?.scope.cancel();
    const scope = new CancellationScope();
    timers.set(id, { scope, dueAt: Date.now() + delay, event });
    scope
      .run(() => sleep(Math.max(1, delay)))
      .then(
        () => {
          if (timers.get(id)?.scope === scope) timers.delete(id);
          deliver({ ...event, at: Date.now() }, 'system', true);
        },
        (err: unknown) => {
          if (!isCancellation(err)) throw err;
        },
      );
  };

  const run = (actions: { type: string; params?: unknown }[], context: unknown) => {
    for (const action of actions) {
      const params = action.params as Record<string, unknown> | undefined;
      if (action.type === 'xstate.raise' && params && typeof params.delay === 'number') {
        startTimer(String(params.id ?? (params.event as EventObject).type), params.delay, params.event as EventObject);
      } else if (action.type === 'xstate.cancel' && params) {
        const id = String(params.sendId);
        timers.get(id)?.scope.cancel();
        timers.delete(id);
      } else if (!action.type.startsWith('xstate.')) {
        enqueue(() => effects.runMachineAction({ kind, instanceId, type: action.type, params: action.params ?? null, context }));
      }
    }
  };

  const record = (
    event: { type: string; actor: string; at: number; payload?: unknown },
    from: StateValue | null,
    snapshot: AnyMachineSnapshot,
  ) => {
    const context = snapshot.context as Record<string, unknown>;
    const states = statePaths(snapshot.value);
    enqueue(() =>
      effects.recordMachineTransition({ kind, instanceId, event, from, to: snapshot.value, states, status: snapshot.status, context }),
    );
  };

  function deliver(event: EventObject & Record<string, unknown>, actor: string, fromTimer = false): void {
    const current = restore();
    if (current.status !== 'active') return;
    eventsThisRun++;
    // A timer that fires after its state was left (the cancel raced the wake-up) is dropped.
    if (fromTimer && !current.can(event)) return;
    const [next, actions] = transition(machine, current, event);
    save(next);
    run(actions as { type: string; params?: unknown }[], next.context);
    const { type, at, ...payload } = event;
    record({ type, actor, at: at as number, payload }, current.value, next);
  }

  // Start the machine before registering handlers: updates buffered since the workflow started must see
  // the initial snapshot and wait for its effects.
  if (args.resume) {
    stored = args.resume.stored;
    for (const t of args.resume.timers) startTimer(t.id, t.dueAt - Date.now(), t.event);
  } else {
    const at = Date.now();
    const [initial, actions] = initialTransition(machine, { ...args.input, instanceId, at });
    save(initial);
    run(actions as { type: string; params?: unknown }[], initial.context);
    record({ type: 'machine.started', actor: 'system', at }, null, initial);
  }

  setHandler(machineStateQuery, view);
  setHandler(machineSyncUpdate, async () => {
    await queue;
    return view();
  });
  setHandler(
    machineEventUpdate,
    async ({ event, actor }) => {
      deliver({ ...event, actor, at: Date.now() }, actor);
      await queue; // the caller reads its own write
      return view();
    },
    {
      validator: ({ event, actor, expectContext }) => {
        const current = restore();
        const allowed = current.status === 'active' ? allowedEventsOf(current) : [];
        if (current.status !== 'active' || !current.can({ ...event, actor, at: Date.now() })) {
          throw ApplicationFailure.create({
            type: 'EventNotAllowed',
            nonRetryable: true,
            message: `当前状态不能接受事件 ${event.type} (event not allowed in state ${JSON.stringify(current.value)})`,
            details: [{ state: current.value, states: statePaths(current.value), status: current.status, allowedEvents: allowed }],
          });
        }
        for (const expected of expectContext ?? []) {
          let actual: unknown = current.context;
          for (const key of expected.path as (string | number)[])
            actual = actual !== null && typeof actual === 'object' ? (actual as Record<string | number, unknown>)[key] : undefined;
          if (actual === expected.equals) continue;
          throw ApplicationFailure.create({
            type: 'ContextChanged',
            nonRetryable: true,
            message: `办理对象已变更，请刷新后重试 (${expected.path.join('.')} changed meanwhile)`,
            details: [{ path: expected.path, expected: expected.equals, actual: actual ?? null, state: current.value }],
          });
        }
      },
    },
  );

  const maxEvents = args.maxEventsPerRun ?? DEFAULT_MAX_EVENTS_PER_RUN;
  const historyFull = () => eventsThisRun >= maxEvents || workflowInfo().continueAsNewSuggested;
  for (;;) {
    await condition(() => restore().status !== 'active' || historyFull());
    if (restore().status !== 'active') break;
    // A long-lived instance continues in a fresh run with its snapshot and pending timers.
    await queue;
    await condition(allHandlersFinished);
    if (restore().status !== 'active') break;
    const pending = [...timers.entries()].map(([id, t]) => ({ id, dueAt: t.dueAt, event: t.event }));
    await continueAsNew<HostedWorkflow>({ ...args, resume: { stored, timers: pending } });
  }
  for (const t of timers.values()) t.scope.cancel();
  await queue;
  await condition(allHandlersFinished);
  return view();
}
