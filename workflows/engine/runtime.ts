import { behaviours } from './behaviours';
import type { BehaviourContext } from './behaviours/types';
import {
  EngineError,
  type CompiledProcess,
  type EngineCommand,
  type EngineEvent,
  type EngineState,
  type StepResult,
  type Token,
  type Variables,
} from './model';
import { selectOutgoing } from './outbound';

export function initialState(instanceId: string): EngineState {
  return { instanceId, seq: 0, status: 'running', variables: {}, tokens: [], openTasks: [], joins: {}, path: [] };
}

/**
 * The token runtime as a pure step function: (process, state, event) → (state, commands).
 * It owns all token movement; behaviours only decide what happens inside their element.
 */
export function step(process: CompiledProcess, previous: EngineState, event: EngineEvent): StepResult {
  const state: EngineState = JSON.parse(JSON.stringify(previous));
  const commands: EngineCommand[] = [];
  const nextId = (prefix: string) => `${prefix}-${++state.seq}`;

  const arrive = (elementId: string, at: string, via?: string, actor?: string): void => {
    const node = process.nodes[elementId];
    if (!node) throw new EngineError(elementId, `未知元素 (unknown element) ${elementId}`);
    const token: Token = { id: nextId('token'), elementId };
    state.path.push({ elementId, type: node.type, at, via, ...(actor ? { actor } : {}) });
    commands.push({ type: 'element.entered', elementId, nodeType: node.type, name: node.name });
    const ctx: BehaviourContext = { process, state, node, token, via, at, nextId };
    const outcome = behaviours[node.type](ctx);
    if (outcome.kind === 'wait') {
      state.tokens.push(token);
      for (const command of outcome.commands) {
        if (command.type === 'userTask.open') state.openTasks.push(command.task);
        commands.push(command);
      }
    } else if (outcome.kind === 'leave') {
      leave(elementId, at, outcome.takeOne ?? false);
    }
  };

  const leave = (elementId: string, at: string, takeOne: boolean): void => {
    const node = process.nodes[elementId];
    for (const flowId of selectOutgoing(node, process.flows, state.variables, takeOne)) {
      arrive(process.flows[flowId].targetRef, at, flowId);
    }
  };

  const resume = (tokenId: string, at: string, output: Variables): void => {
    const token = state.tokens.find((t) => t.id === tokenId);
    if (!token) throw new EngineError('?', `没有等待中的令牌 (no waiting token) ${tokenId}`);
    state.tokens = state.tokens.filter((t) => t.id !== tokenId);
    Object.assign(state.variables, output);
    leave(token.elementId, at, false);
  };

  try {
    switch (event.type) {
      case 'case.start':
        Object.assign(state.variables, event.variables);
        for (const startId of process.startNodeIds) arrive(startId, event.at);
        break;
      case 'userTask.complete': {
        const task = state.openTasks.find((t) => t.taskId === event.taskId);
        if (!task) throw new EngineError('?', `任务不存在或已办结 (task not open) ${event.taskId}`);
        state.openTasks = state.openTasks.filter((t) => t.taskId !== event.taskId);
        commands.push({ type: 'userTask.close', taskId: task.taskId, actor: event.actor.id, variables: event.variables });
        const last = state.path.filter((p) => p.elementId === task.elementId).pop();
        if (last) last.actor = event.actor.id;
        resume(task.tokenId, event.at, event.variables);
        break;
      }
      case 'serviceTask.done':
        resume(event.tokenId, event.at, event.output);
        break;
      case 'serviceTask.failed': {
        const token = state.tokens.find((t) => t.id === event.tokenId);
        throw new EngineError(token?.elementId ?? '?', event.message);
      }
    }
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    state.status = 'failed';
    state.failure = { elementId: err.elementId, message: err.message };
    commands.push({ type: 'case.failed', elementId: err.elementId, message: err.message });
    return { state, commands };
  }

  if (state.status === 'running' && state.tokens.length === 0) {
    state.status = 'completed';
    commands.push({ type: 'case.completed', variables: state.variables });
  }
  return { state, commands };
}
