/**
 * `npm run bench:step`: time of one engine step (pure `step`, no Temporal) as a case grows.
 *
 * - tokens: a parallel multi-instance user task with N instances (N waiting tokens and open tasks);
 *   the step timed is completing one instance (which records its output in the body's list).
 * - steps: a user task in a loop that has already run N steps; the step timed is the next completion.
 *
 *   BENCH_SIZES=10,1000,10000 BENCH_SAMPLES=200 npm run bench:step
 */
import type { CompiledProcess, EngineState, FlowNode } from '../../workflows/engine/model';
import { initialState, step } from '../../workflows/engine/runtime';

const SIZES = (process.env.BENCH_SIZES ?? '10,1000,10000').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const AT = '2026-12-01T02:00:00.000Z';
const ACTOR = { id: 'window1', roles: ['window'], groups: ['window'] };

const node = (id: string, type: FlowNode['type'], incoming: string[], outgoing: string[], extra: Partial<FlowNode> = {}): FlowNode => ({
  id,
  type,
  incoming,
  outgoing,
  ...extra,
});
const flow = (id: string, sourceRef: string, targetRef: string, condition?: string) => ({
  id,
  sourceRef,
  targetRef,
  ...(condition ? { condition } : {}),
});

/**
 * start → review (parallel multi-instance, `count` instances) → end. By cardinality, not over a
 * collection variable: FEEL evaluation converts every visible variable, so a large list in the case
 * variables costs each evaluation in proportion (a cost of the expression layer, not of the step).
 */
const multiInstance: CompiledProcess = {
  key: 'bench-mi',
  nodes: {
    start: node('start', 'startEvent', [], ['f1']),
    review: node('review', 'userTask', ['f1'], ['f2'], {
      assignment: { candidateGroups: ['window'] },
      multiInstance: { sequential: false, cardinality: '=count', outputCollection: 'results', outputElement: '=loopCounter' },
    }),
    end: node('end', 'endEvent', ['f2'], []),
  },
  flows: { f1: flow('f1', 'start', 'review'), f2: flow('f2', 'review', 'end') },
  startNodeIds: ['start'],
};

/** start → work → more? (yes: back to work) → end */
const loop: CompiledProcess = {
  key: 'bench-loop',
  nodes: {
    start: node('start', 'startEvent', [], ['f1']),
    work: node('work', 'userTask', ['f1', 'again'], ['f2'], { assignment: { candidateGroups: ['window'] } }),
    more: node('more', 'exclusiveGateway', ['f2'], ['again', 'done']),
    end: node('end', 'endEvent', ['done'], []),
  },
  flows: {
    f1: flow('f1', 'start', 'work'),
    f2: flow('f2', 'work', 'more'),
    again: flow('again', 'more', 'work', '=n < 1000000'),
    done: flow('done', 'more', 'end', '=n >= 1000000'),
  },
  startNodeIds: ['start'],
};

function complete(process: CompiledProcess, state: EngineState, n: number): EngineState {
  const task = state.openTasks[0];
  if (!task) throw new Error('no open task');
  return step(process, state, { type: 'userTask.complete', at: AT, taskId: task.taskId, actor: ACTOR, variables: { n } }).state;
}

/**
 * Microseconds of one step, each from the same prepared state: the best mean of five batches of
 * SAMPLES/5 (the machine is shared; the best batch is the least disturbed one).
 */
function time(process: CompiledProcess, state: EngineState): number {
  for (let i = 0; i < 50; i++) complete(process, state, i); // warm-up
  const batch = Math.max(1, Math.round(SAMPLES / 5));
  let best = Infinity;
  for (let b = 0; b < 5; b++) {
    const t0 = process_hrtime();
    for (let i = 0; i < batch; i++) complete(process, state, i);
    best = Math.min(best, (process_hrtime() - t0) / batch / 1000);
  }
  return best;
}
const process_hrtime = () => Number(globalThis.process.hrtime.bigint());

function tokensCase(n: number): EngineState {
  return step(multiInstance, initialState('bench'), { type: 'case.start', at: AT, variables: { count: n } }).state;
}

function stepsCase(n: number): EngineState {
  let state = step(loop, initialState('bench'), { type: 'case.start', at: AT, variables: { n: 0 } }).state;
  for (let i = 0; i < n; i++) state = complete(loop, state, i);
  return state;
}

const cases = [
  ...SIZES.map((n) => ({
    label: `tokens ${String(n).padStart(6)}`,
    process: multiInstance,
    state: tokensCase(n),
    expect: () => n + 1,
    got: (s: EngineState) => s.tokens.length,
  })),
  ...SIZES.map((n) => ({
    label: `steps  ${String(n).padStart(6)}`,
    process: loop,
    state: stepsCase(n),
    expect: () => n + 1,
    got: (s: EngineState) => s.steps,
  })),
];
for (const c of cases)
  if (c.got(c.state) !== c.expect()) throw new Error(`${c.label}: prepared state has ${c.got(c.state)}, expected ${c.expect()}`);
for (const c of cases) time(c.process, c.state); // a first round so every case runs warm code
console.log(
  `engine step (${SAMPLES} samples each)\n${cases.map((c) => `${c.label}  ${time(c.process, c.state).toFixed(1).padStart(9)} µs/step`).join('\n')}`,
);
