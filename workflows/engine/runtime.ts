import {
  EngineError,
  VARIABLES_LIMIT_BYTES,
  VARIABLES_TOO_LARGE,
  type CompiledProcess,
  type EngineEvent,
  type EngineState,
  type StepResult,
} from './model';
import { createContext, settle, type RuntimeContext } from './runtime/context';
import { handlers } from './runtime/handlers';
import { settleInclusiveJoins } from './runtime/joins';
import { correlateBuffered } from './runtime/messages';

export { PATH_KEEP } from './runtime/path';

export function initialState(instanceId: string): EngineState {
  return {
    instanceId,
    seq: 0,
    status: 'running',
    variables: {},
    tokens: [],
    scopes: [],
    openTasks: [],
    joins: {},
    subscriptions: [],
    incidents: [],
    compensables: [],
    clockPauses: [],
    path: [],
    steps: 0,
  };
}

/**
 * The token runtime as a pure step function: (process, state, event) → (state, commands).
 * The modules under runtime/ own all token movement, joins, scopes, boundary and event-subprocess
 * triggering; behaviours only decide what happens inside their element. `previous` is never written:
 * the new state shares what the step did not change (see runtime/context.ts).
 */
export function step(process: CompiledProcess, previous: EngineState, event: EngineEvent): StepResult {
  const ctx = createContext(process, previous, event);
  const { state, commands } = ctx;
  try {
    state.steps++;
    (handlers[event.type] as (ctx: RuntimeContext, event: EngineEvent) => void)(ctx, event);
    correlateBuffered(ctx);
    settleInclusiveJoins(ctx);
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    state.status = 'failed';
    state.failure = { elementId: err.elementId, message: err.message };
    commands.push({ type: 'case.failed', elementId: err.elementId, message: err.message });
  }
  settle(ctx);
  return { state, commands };
}

/** Whether the variables are plain JSON within the size limit; returns the problem otherwise. */
export function variablesProblem(vars: unknown): string | undefined {
  if (vars === null || typeof vars !== 'object' || Array.isArray(vars)) return '变量必须是 JSON 对象 (variables must be a JSON object)';
  const text = JSON.stringify(vars);
  if (text.length > VARIABLES_LIMIT_BYTES) return `流程变量过大 (variables too large): ${text.length} bytes > ${VARIABLES_LIMIT_BYTES}`;
  return undefined;
}

/**
 * Whether applying `event` would push the case's variables over the size limit: a dry run of the
 * step, so output mappings and scopes count exactly as they will. Returns the element and message.
 */
export function variablesLimitProblem(
  process: CompiledProcess,
  state: EngineState,
  event: EngineEvent,
): { elementId: string; message: string } | undefined {
  const { commands } = step(process, state, event);
  for (const c of commands) {
    if (c.type === 'incident.raised' && c.incident.message.startsWith(VARIABLES_TOO_LARGE))
      return { elementId: c.incident.elementId, message: c.incident.message };
    if (c.type === 'case.failed' && c.message.startsWith(VARIABLES_TOO_LARGE)) return { elementId: c.elementId, message: c.message };
  }
  return undefined;
}
