import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileProcess } from '../../../activities/bpmn/compile-process';
import {
  VARIABLES_LIMIT_BYTES,
  type CompiledProcess,
  type EngineCommand,
  type EngineEvent,
  type EngineState,
  type FlowNode,
  type Variables,
} from '../../../workflows/engine/model';
import { initialState, step } from '../../../workflows/engine/runtime';
import { deepFreeze } from '../../helpers/deep-freeze';
import { workingDayDue } from '../../../workflows/engine/timers';

const AT = '2026-12-01T02:00:00.000Z';
const ADMIN = { id: 'admin', roles: ['admin'], groups: [] };

async function load(rel: string): Promise<CompiledProcess> {
  const result = await compileProcess(readFileSync(path.resolve(__dirname, '../../fixtures/bpmn', rel), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.process;
}

/** Drives the pure runtime like the host does, collecting every command. */
class Driver {
  state: EngineState;
  commands: EngineCommand[] = [];
  constructor(readonly process: CompiledProcess) {
    this.state = initialState('T1');
  }
  send(event: EngineEvent) {
    const result = step(this.process, this.state, event);
    this.state = deepFreeze(result.state);
    this.commands.push(...result.commands);
    return result.commands;
  }
  start(variables: Variables = {}) {
    return this.send({ type: 'case.start', at: AT, variables });
  }
  complete(elementId: string, variables: Variables = {}) {
    const task = this.state.openTasks.find((t) => t.elementId === elementId);
    if (!task) throw new Error(`no task ${elementId}`);
    return this.send({ type: 'userTask.complete', at: AT, taskId: task.taskId, actor: ADMIN, variables });
  }
  job(elementId: string, output: Variables = {}) {
    const cmd = [...this.commands]
      .reverse()
      .find((c) => c.type === 'job.run' && c.elementId === elementId && this.state.tokens.some((t) => t.id === c.tokenId));
    if (!cmd || cmd.type !== 'job.run') throw new Error(`no job ${elementId}`);
    return this.send({ type: 'job.completed', at: AT, tokenId: cmd.tokenId, output });
  }
  get waiting() {
    return this.state.tokens.map((t) => t.elementId).sort();
  }
  get visited() {
    return this.state.path.map((p) => p.elementId);
  }
}

describe('event subprocesses', () => {
  test('when a non-interrupting message arrives, then its subprocess runs beside the main flow, which still completes the case', async () => {
    const d = new Driver(await load('scopes/valid-event-subprocess.bpmn'));
    d.start();
    expect(d.state.subscriptions.map((s) => s.name).sort()).toEqual(['query', 'withdraw']);
    d.send({ type: 'message.deliver', at: AT, name: 'query' });
    expect(d.state.openTasks.map((t) => t.elementId).sort()).toEqual(['answer', 'work']);
    d.complete('answer');
    d.complete('work');
    expect(d.state.status).toBe('completed');
  });

  test('when an interrupting message arrives, then the main flow is cancelled and the case ends through the event subprocess', async () => {
    const d = new Driver(await load('scopes/valid-event-subprocess.bpmn'));
    d.start();
    d.send({ type: 'message.deliver', at: AT, name: 'withdraw' });
    expect(d.state.status).toBe('completed');
    expect(d.visited).toContain('withdrawn_end');
    expect(d.commands).toContainEqual(expect.objectContaining({ type: 'userTask.close', cancelled: true }));
  });
});

describe('compensation', () => {
  test('when the case throws compensation after a completed activity, then its handler runs before the flow continues', async () => {
    const d = new Driver(await load('compensation/valid-saga.bpmn'));
    d.start({ rejected: true });
    d.job('reserve');
    expect(d.waiting).toEqual(['cancel_reservation', 'compensate']);
    d.job('cancel_reservation');
    expect(d.state.status).toBe('completed');
    expect(d.visited.slice(-3)).toEqual(['compensate', 'cancel_reservation', 'rejected_end']);
  });

  test('when nothing is compensated, then the handler never runs', async () => {
    const d = new Driver(await load('compensation/valid-saga.bpmn'));
    d.start({ rejected: false });
    d.job('reserve');
    expect(d.state.status).toBe('completed');
    expect(d.visited).not.toContain('cancel_reservation');
  });
});

describe('FEEL tasks, mappings, loops and links', () => {
  test('when a script, a decision table, an input mapping, a standard loop and a link run, then each contributes its result', async () => {
    const d = new Driver(await load('tasks/valid-feel-tasks.bpmn'));
    d.start({ area: 800, category: 'food' });
    expect(d.state.variables).toMatchObject({ total: 1610, riskLevel: 'high' });
    expect(d.state.variables).not.toHaveProperty('fee'); // output mapping replaces the raw result
    const task = d.state.openTasks[0];
    expect(task?.assignment.candidateGroups).toEqual(['approver']);
    expect(task?.inputs).toEqual({ level: 'high' });
    d.complete('check');
    expect(d.visited.filter((id) => id === 'again')).toHaveLength(4); // the body plus three iterations
    expect(d.visited.slice(-3)).toEqual(['link_out', 'link_in', 'end']);
    expect(d.state.status).toBe('completed');
  });

  test('when the decision table matches a later rule, then that rule decides', async () => {
    const d = new Driver(await load('tasks/valid-feel-tasks.bpmn'));
    d.start({ area: 10, category: 'retail' });
    expect(d.state.variables.riskLevel).toBe('low');
    expect(d.state.openTasks[0]?.assignment.candidateGroups).toEqual(['window']);
  });
});

describe('variables and time', () => {
  test('when a job returns more than the variable limit, then an incident names the element and the case keeps running', async () => {
    const d = new Driver(await load('compensation/valid-saga.bpmn'));
    d.start({ rejected: false });
    d.job('reserve', { blob: 'x'.repeat(VARIABLES_LIMIT_BYTES + 1) });
    expect(d.state.status).toBe('running');
    expect(d.state.incidents[0]).toMatchObject({ elementId: 'reserve' });
    expect(d.state.incidents[0]?.message).toContain('variables too large');
  });

  test('when working days are counted across a clock pause, then the deadline moves by the paused working days', () => {
    const plain = workingDayDue('2026-12-01T02:00:00.000Z', 5, []);
    const paused = workingDayDue('2026-12-01T02:00:00.000Z', 5, [{ from: '2026-12-02T01:00:00.000Z', to: '2026-12-03T09:00:00.000Z' }]);
    expect(Date.parse(paused)).toBeGreaterThan(Date.parse(plain));
  });

  test('when a script writes a FEEL date and a 1,000-instance body collects outputs, then the next state holds plain JSON and the previous state is unchanged', () => {
    const n = (id: string, type: FlowNode['type'], incoming: string[], outgoing: string[], extra: Partial<FlowNode> = {}): FlowNode => ({
      id,
      type,
      incoming,
      outgoing,
      ...extra,
    });
    const process: CompiledProcess = {
      key: 'plain-json',
      nodes: {
        start: n('start', 'startEvent', [], ['f1']),
        stamp: n('stamp', 'scriptTask', ['f1'], ['f2'], { script: { expression: '=date("2026-12-01")', resultVariable: 'received' } }),
        review: n('review', 'userTask', ['f2'], ['f3'], {
          multiInstance: { sequential: false, cardinality: '=1000', outputCollection: 'results', outputElement: '=loopCounter' },
        }),
        end: n('end', 'endEvent', ['f3'], []),
      },
      flows: {
        f1: { id: 'f1', sourceRef: 'start', targetRef: 'stamp' },
        f2: { id: 'f2', sourceRef: 'stamp', targetRef: 'review' },
        f3: { id: 'f3', sourceRef: 'review', targetRef: 'end' },
      },
      startNodeIds: ['start'],
    };
    const d = new Driver(process);
    d.start();
    expect(d.state.variables.received).toBe('2026-12-01');
    expect(d.state.openTasks).toHaveLength(1000);
    const before = JSON.stringify(d.state);
    const last = d.state.openTasks[999]?.taskId as string;
    const { state } = step(process, d.state, { type: 'userTask.complete', at: AT, taskId: last, actor: ADMIN, variables: {} });
    expect(JSON.stringify(d.state)).toBe(before);
    const body = state.tokens.find((t) => t.mi);
    expect(body?.mi?.outputs).toHaveLength(1000);
    expect(body?.mi?.outputs.slice(0, 2)).toEqual([null, null]);
    expect(body?.mi?.outputs[999]).toBe(1000);
    expect(state.openTasks).toHaveLength(999);
  });
});
