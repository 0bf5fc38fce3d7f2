/**
 * `npm run bench:step`: time of one engine step (pure `step`, no Temporal) as a case grows.
 *
 * - tokens: a parallel multi-instance user task with N instances (N waiting tokens and open tasks);
 *   the step timed is completing one instance.
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

const node = (id: string, type: FlowNode['type'], incoming: string[], outgoing: string[], extra: Partial<FlowNode> = {}): FlowNode => ({ id, type, incoming, outgoing, ...extra });
const flow = (id: string, sourceRef: string, targetRef: string, condition?: string) => ({ id, sourceRef, targetRef, ...(condition ? { condition } : {}) });

/** start → review (parallel multi-instance over `items`) → end */
const multiInstance: CompiledProcess = {
  key: 'bench-mi',
  nodes: {
    start: node('start', 'startEvent', [], ['f1']),
    review: node('review', 'userTask', ['f1'], ['f2'], {
      assignment: { candidateGroups: ['window'] },
      multiInstance: { sequential: false, collection: '=items', elementVariable: 'item', outputCollection: 'results', outputElement: '=item' },
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
  flows: { f1: flow('f1', 'start', 'work'), f2: flow('f2', 'work', 'more'), again: flow('again', 'more', 'work', '=n < 1000000'), done: flow('done', 'more', 'end', '=n >= 1000000') },
  startNodeIds: ['start'],
};

function complete(process: CompiledProcess, state: EngineState, n: number): EngineState {
  const task = state.openTasks[state.openTasks.length - 1];
  if (!task) throw new Error('no open task');
  return step(process, state, { type: 'userTask.complete', at: AT, taskId: task.taskId, actor: ACTOR, variables: { n } }).state;
}

/** Mean microseconds of one step over SAMPLES steps, each from the same prepared state. */
function time(process: CompiledProcess, state: EngineState): number {
  for (let i = 0; i < 20; i++) complete(process, state, i); // warm-up
  const t0 = process_hrtime();
  for (let i = 0; i < SAMPLES; i++) complete(process, state, i);
  return (process_hrtime() - t0) / SAMPLES / 1000;
}
const process_hrtime = () => Number(globalThis.process.hrtime.bigint());

function tokensCase(n: number): EngineState {
  const items = Array.from({ length: n }, (_, i) => `材料${i + 1}`);
  return step(multiInstance, initialState('bench'), { type: 'case.start', at: AT, variables: { items } }).state;
}

function stepsCase(n: number): EngineState {
  let state = step(loop, initialState('bench'), { type: 'case.start', at: AT, variables: { n: 0 } }).state;
  for (let i = 0; i < n; i++) state = complete(loop, state, i);
  return state;
}

const rows: string[] = [];
for (const n of SIZES) {
  const mi = tokensCase(n);
  if (mi.tokens.length !== n + 1) throw new Error(`expected ${n + 1} tokens, got ${mi.tokens.length}`);
  rows.push(`tokens ${String(n).padStart(6)}  ${time(multiInstance, mi).toFixed(1).padStart(9)} µs/step`);
}
for (const n of SIZES) {
  const lp = stepsCase(n);
  if (lp.steps !== n + 1) throw new Error(`expected ${n + 1} steps, got ${lp.steps}`);
  rows.push(`steps  ${String(n).padStart(6)}  ${time(loop, lp).toFixed(1).padStart(9)} µs/step`);
}
console.log(`engine step (${SAMPLES} samples each)\n${rows.join('\n')}`);
