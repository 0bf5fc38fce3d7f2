import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileProcess } from '../../../activities/bpmn/compile-process';
import {
  VARIABLES_LIMIT_BYTES,
  type CompiledProcess,
  type EngineCommand,
  type EngineEvent,
  type EngineState,
  type Variables,
} from '../../../workflows/engine/model';
import { initialState, step, variablesLimitProblem } from '../../../workflows/engine/runtime';
import { deepFreeze } from '../../helpers/deep-freeze';

const AT = '2026-12-01T02:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(AT) + ms).toISOString();
const ADMIN = { id: 'admin', roles: ['admin'], groups: [] };

async function load(rel: string): Promise<CompiledProcess> {
  const result = await compileProcess(readFileSync(path.resolve(__dirname, '../../fixtures/bpmn', rel), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.process;
}

/** The pure runtime driven like the host drives it, keeping every command. */
class Driver {
  state: EngineState = initialState('T1');
  commands: EngineCommand[] = [];
  constructor(readonly process: CompiledProcess) {}
  send(event: EngineEvent): EngineCommand[] {
    const result = step(this.process, this.state, event);
    this.state = deepFreeze(result.state);
    this.commands.push(...result.commands);
    return result.commands;
  }
  start(variables: Variables = {}, extra: Partial<Extract<EngineEvent, { type: 'case.start' }>> = {}) {
    return this.send({ type: 'case.start', at: AT, variables, ...extra });
  }
  complete(elementId: string, variables: Variables = {}, at = AT) {
    const task = this.state.openTasks.find((t) => t.elementId === elementId);
    if (!task) throw new Error(`no task ${elementId}`);
    return this.send({ type: 'userTask.complete', at, taskId: task.taskId, actor: ADMIN, variables });
  }
  childToken(elementId = 'call_child'): string {
    const cmd = this.commands.find((c) => c.type === 'child.start' && c.elementId === elementId);
    if (!cmd || cmd.type !== 'child.start') throw new Error(`no child of ${elementId}`);
    return cmd.tokenId;
  }
  get waiting() {
    return this.state.tokens.map((t) => t.elementId).sort();
  }
  get tasks() {
    return this.state.openTasks.map((t) => t.elementId).sort();
  }
}

describe('BPMN errors and escalations of a called case', () => {
  test('when a called case ends with an uncaught error, then it fails with the error code and the end event’s input variables for its caller', async () => {
    const child = new Driver(await load('call/valid-throwing-child.bpmn'));
    const commands = child.start({ mode: 'error', item: '营业执照' }, { toCaller: true });
    expect(child.state.status).toBe('failed');
    expect(child.state.thrown).toEqual({
      code: 'MATERIALS_MISSING',
      elementId: 'missing_end',
      message: expect.stringContaining('MATERIALS_MISSING'),
      variables: { reason: '缺少营业执照' },
    });
    expect(child.state.incidents).toEqual([]);
    expect(commands.filter((c) => c.type === 'case.failed')).toHaveLength(1);
  });

  test('when a case that nobody called ends with an uncaught error, then it is still an incident naming the element and code', async () => {
    const plain = new Driver(await load('call/valid-throwing-child.bpmn'));
    plain.start({ mode: 'error', item: '营业执照' });
    expect(plain.state.status).toBe('running');
    expect(plain.state.thrown).toBeUndefined();
    expect(plain.state.incidents).toEqual([
      expect.objectContaining({ elementId: 'missing_end', message: expect.stringContaining('MATERIALS_MISSING') }),
    ]);
  });

  test('when the child’s error reaches the call activity, then the matching error boundary takes it with the error variables and the call ends', async () => {
    const parent = new Driver(await load('call/valid-catching-parent.bpmn'));
    parent.start({ item: '营业执照' });
    const tokenId = parent.childToken();
    parent.send({ type: 'child.error', at: AT, tokenId, code: 'MATERIALS_MISSING', message: 'x', variables: { reason: '缺少营业执照' } });
    expect(parent.tasks).toEqual(['handle_missing']);
    expect(parent.waiting).toEqual(['handle_missing']);
    expect(parent.state.variables.reason).toBe('缺少营业执照');
    expect(parent.state.path.some((p) => p.elementId === 'on_missing')).toBe(true);
  });

  test('when no boundary matches the child’s error code, then the call activity gets an incident naming it and the code', async () => {
    const parent = new Driver(await load('call/valid-catching-parent.bpmn'));
    parent.start();
    parent.send({
      type: 'child.error',
      at: AT,
      tokenId: parent.childToken(),
      code: 'OTHER_FAULT',
      message: '未捕获的 BPMN 错误 (uncaught BPMN error) OTHER_FAULT',
    });
    expect(parent.state.incidents).toEqual([
      expect.objectContaining({ elementId: 'call_child', message: expect.stringContaining('OTHER_FAULT') }),
    ]);
    expect(parent.state.status).toBe('running');
  });

  test('when the call activity has a catch-all error boundary, then any child error code is caught', async () => {
    const parent = new Driver(await load('call/valid-catch-all-parent.bpmn'));
    parent.start();
    parent.send({ type: 'child.error', at: AT, tokenId: parent.childToken(), code: 'OTHER_FAULT', message: 'x' });
    expect(parent.state.status).toBe('completed');
    expect(parent.state.path.map((p) => p.elementId)).toContain('failed_end');
  });

  test('when a called caller does not catch its child’s error either, then the error travels on up to its own caller', async () => {
    const middle = new Driver(await load('call/valid-catching-parent.bpmn'));
    middle.start({}, { toCaller: true });
    middle.send({ type: 'child.error', at: AT, tokenId: middle.childToken(), code: 'OTHER_FAULT', message: 'x', variables: { detail: 1 } });
    expect(middle.state.status).toBe('failed');
    expect(middle.state.thrown).toMatchObject({ code: 'OTHER_FAULT', elementId: 'call_child', variables: { detail: 1 } });
  });

  test('when a service task of a called case throws a BPMN error nobody catches, then the called case ends and passes it on with the job’s variables', async () => {
    const child = new Driver(await load('incidents/valid-flaky-service.bpmn'));
    child.start({}, { toCaller: true });
    const job = child.commands.find((c) => c.type === 'job.run');
    if (!job || job.type !== 'job.run') throw new Error('no job');
    const commands = child.send({
      type: 'job.error',
      at: AT,
      tokenId: job.tokenId,
      code: 'NOT_REGISTERED',
      message: '未登记',
      variables: { registry: 'none' },
    });
    expect(child.state.status).toBe('failed');
    expect(child.state.thrown).toMatchObject({ code: 'NOT_REGISTERED', elementId: 'call_registry', variables: { registry: 'none' } });
    expect(commands).toContainEqual({ type: 'job.cancel', tokenId: job.tokenId });
    expect(child.state.tokens).toEqual([]);
  });

  test('when a called case throws an escalation it does not catch, then it tells its caller and carries on', async () => {
    const child = new Driver(await load('call/valid-throwing-child.bpmn'));
    const commands = child.start({ mode: 'escalate', item: '营业执照' }, { toCaller: true });
    expect(commands).toContainEqual({
      type: 'escalation.toCaller',
      elementId: 'need_review',
      code: 'NEED_REVIEW',
      variables: { reviewItem: '营业执照' },
    });
    expect(child.tasks).toEqual(['child_work']);
    expect(child.state.status).toBe('running');
  });

  test('when the child’s escalation meets a non-interrupting boundary, then a review task opens and the child keeps running', async () => {
    const parent = new Driver(await load('call/valid-catching-parent.bpmn'));
    parent.start();
    const commands = parent.send({
      type: 'child.escalation',
      at: AT,
      tokenId: parent.childToken(),
      code: 'NEED_REVIEW',
      variables: { reviewItem: '营业执照' },
    });
    expect(parent.tasks).toEqual(['review']);
    expect(parent.waiting).toEqual(['call_child', 'review']);
    expect(parent.state.variables.reviewItem).toBe('营业执照');
    expect(commands.some((c) => c.type === 'child.cancel')).toBe(false);
  });

  test('when the child’s escalation meets an interrupting boundary, then the child case is cancelled and the caller moves on', async () => {
    const parent = new Driver(await load('call/valid-catch-all-parent.bpmn'));
    parent.start();
    const tokenId = parent.childToken();
    const commands = parent.send({ type: 'child.escalation', at: AT, tokenId, code: 'NEED_REVIEW' });
    expect(commands).toContainEqual({ type: 'child.cancel', tokenId });
    expect(parent.state.status).toBe('completed');
    expect(parent.state.path.map((p) => p.elementId)).toContain('reviewed_end');
  });
});

describe('message buffering with time-to-live', () => {
  test('when a message arrives before its catch event, then it is kept and correlates once when the catch opens', async () => {
    const d = new Driver(await load('messages/valid-buffered-payment.bpmn'));
    d.start();
    d.send({ type: 'message.deliver', at: AT, name: 'paid', variables: { amount: 50 }, expiresAt: later(3_600_000), messageId: 'm1' });
    expect(d.state.bufferedMessages).toEqual([expect.objectContaining({ id: 'm1', name: 'paid', expiresAt: later(3_600_000) })]);
    d.complete('prepare', {}, later(1000));
    expect(d.waiting).toEqual(['paid_second']);
    expect(d.state.variables.amount).toBe(50);
    expect(d.state.bufferedMessages).toEqual([]);
    d.send({ type: 'message.deliver', at: later(2000), name: 'paid', expiresAt: later(60_000) });
    expect(d.state.status).toBe('completed');
  });

  test('when a buffered message has expired before the catch opens, then it is dropped and the catch keeps waiting', async () => {
    const d = new Driver(await load('messages/valid-buffered-payment.bpmn'));
    d.start();
    d.send({ type: 'message.deliver', at: AT, name: 'paid', expiresAt: later(1000) });
    d.complete('prepare', {}, later(2000));
    expect(d.waiting).toEqual(['paid_first']);
    expect(d.state.bufferedMessages).toEqual([]);
  });

  test('when a message carries no time-to-live and nothing waits, then it is dropped as before', async () => {
    const d = new Driver(await load('messages/valid-buffered-payment.bpmn'));
    d.start();
    d.send({ type: 'message.deliver', at: AT, name: 'paid' });
    expect(d.state.bufferedMessages ?? []).toEqual([]);
    d.complete('prepare');
    expect(d.waiting).toEqual(['paid_first']);
  });

  test('when buffered messages carry correlation keys, then only the one matching the receive task’s key correlates', async () => {
    const d = new Driver(await load('messages/valid-keyed-receive.bpmn'));
    d.start({ sampleNo: 'S-1' });
    d.send({
      type: 'message.deliver',
      at: AT,
      name: 'testResult',
      correlationKey: 'S-2',
      variables: { result: 'other' },
      expiresAt: later(60_000),
    });
    d.send({
      type: 'message.deliver',
      at: AT,
      name: 'testResult',
      correlationKey: 'S-1',
      variables: { result: '合格' },
      expiresAt: later(60_000),
    });
    d.complete('prepare');
    expect(d.state.status).toBe('completed');
    expect(d.state.variables.result).toBe('合格');
    expect(d.state.bufferedMessages?.map((m) => m.correlationKey)).toEqual(['S-2']);
  });
});

describe('timer start and variable limits', () => {
  test('when a case starts at its fired timer start event, then it runs at once instead of waiting for the timer', async () => {
    const process = await load('timers/valid-timer-start-v1.bpmn');
    const scheduled = new Driver(process);
    scheduled.start({}, { startElementId: 'every_two_seconds' });
    expect(scheduled.state.status).toBe('completed');
    expect(scheduled.state.variables.startedVersion).toBe('v1');
    const manual = new Driver(process);
    manual.start();
    expect(manual.waiting).toEqual(['every_two_seconds']);
  });

  test('when completing a task would push the variables over the limit, then the dry run names the task element; a small form passes', async () => {
    const d = new Driver(await load('tasks/valid-large-form.bpmn'));
    d.start();
    const task = d.state.openTasks[0];
    if (!task) throw new Error('no task');
    const big = { text: 'x'.repeat(VARIABLES_LIMIT_BYTES) };
    const event = (variables: Variables): EngineEvent => ({
      type: 'userTask.complete',
      at: AT,
      taskId: task.taskId,
      actor: ADMIN,
      variables,
    });
    expect(variablesLimitProblem(d.process, d.state, event(big))).toEqual({
      elementId: 'fill',
      message: expect.stringContaining('variables too large'),
    });
    expect(variablesLimitProblem(d.process, d.state, event({ text: 'ok' }))).toBeUndefined();
    expect(d.state.openTasks).toHaveLength(1); // the dry run changed nothing
  });
});
