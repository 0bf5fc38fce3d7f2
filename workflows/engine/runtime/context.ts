import {
  EngineError,
  ROOT_SCOPE,
  type CompiledProcess,
  type EngineCommand,
  type EngineEvent,
  type EngineState,
  type BufferedMessage,
  type FlowNode,
  type OpenTask,
  type ScopeInstance,
  type Subscription,
  type Token,
  type Variables,
} from '../model';

/**
 * What every runtime module works on during one step: the state being built, the commands emitted,
 * the step's time and id source, and element lookup.
 *
 * Copy-on-write (写时复制): the step starts from a shallow copy of the previous state (its arrays copied
 * as lists of references, O(n) pointers, nothing deep). A token, scope, subscription, path entry or clock
 * pause that the step changes is copied first through `own`; everything untouched is shared with the
 * previous state, which is never written. Objects created in this step are writable as they are.
 */
export interface RuntimeContext {
  readonly process: CompiledProcess;
  readonly state: EngineState;
  readonly commands: EngineCommand[];
  readonly at: string;
  nextId(prefix: string): string;
  node(id: string): FlowNode;
  tokenOf(id: string): Token | undefined;
  scopeOf(id: string): ScopeInstance | undefined;
  rootScope(): ScopeInstance;
  /** Marks an object made in this step as writable (so `own` returns it unchanged). */
  created<T extends object>(o: T): T;
  /** A writable token, scope or subscription: the object itself if made in this step, else its copy (which replaces it). */
  own: { token(t: Token): Token; scope(s: ScopeInstance): ScopeInstance; subscription(s: Subscription): Subscription };
  /** Where values from FEEL or events were written this step, to be made plain JSON when it ends. */
  written: Written;
}

/** What a step wrote that may hold FEEL values (dates, durations) or `undefined`, by owner. */
export interface Written {
  /** Variable names per scope; `true`: all of them (a new scope). */
  vars: Map<ScopeInstance, Set<string> | true>;
  /** Tokens whose locals were set. */
  locals: Set<Token>;
  /** Multi-instance bodies whose input list was set, and those with new output entries. */
  items: Set<Token>;
  outputs: Map<Token, { from: number; indices: number[] }>;
  tasks: Set<OpenTask>;
  messages: Set<BufferedMessage>;
}

export interface EnterOptions {
  via?: string;
  innerOf?: string;
  locals?: Variables;
  loopCounter?: number;
  triggered?: boolean;
  compensationFor?: string;
  actor?: string;
}

export function createContext(process: CompiledProcess, previous: EngineState, event: EngineEvent): RuntimeContext {
  const state: EngineState = {
    ...previous,
    tokens: [...previous.tokens],
    scopes: [...previous.scopes],
    openTasks: [...previous.openTasks],
    joins: { ...previous.joins },
    subscriptions: [...previous.subscriptions],
    incidents: [...previous.incidents],
    compensables: [...previous.compensables],
    clockPauses: [...previous.clockPauses],
    path: [...previous.path],
  };
  const writable = new Set<object>();
  const created = <T extends object>(o: T): T => {
    writable.add(o);
    return o;
  };
  /** Copies `item` (unless made this step) and puts the copy where it was in `list`. */
  const ownIn = <T extends { id: string }>(list: T[], item: T, copy: (x: T) => T): T => {
    if (writable.has(item)) return item;
    const i = list.findIndex((x) => x.id === item.id);
    const current = i >= 0 ? list[i] : undefined;
    if (current && writable.has(current)) return current; // already copied this step
    const mine = created(copy(current ?? item));
    if (i >= 0) list[i] = mine;
    return mine;
  };
  return {
    process,
    state,
    commands: [],
    at: event.at,
    nextId: (prefix) => `${prefix}-${++state.seq}`,
    node: (id) => {
      const n = process.nodes[id];
      if (!n) throw new EngineError(id, `未知元素 (unknown element) ${id}`);
      return n;
    },
    tokenOf: (id) => state.tokens.find((t) => t.id === id),
    scopeOf: (id) => state.scopes.find((s) => s.id === id),
    rootScope: () => state.scopes.find((s) => s.elementId === ROOT_SCOPE && !s.parentId) as ScopeInstance,
    created,
    own: {
      token: (t) =>
        ownIn(state.tokens, t, (x) => ({
          ...x,
          ...(x.mi ? { mi: { ...x.mi, outputs: [...x.mi.outputs] } } : {}),
          ...(x.compensating ? { compensating: [...x.compensating] } : {}),
        })),
      scope: (s) => ownIn(state.scopes, s, (x) => ({ ...x, variables: { ...x.variables } })),
      subscription: (s) => ownIn(state.subscriptions, s, (x) => ({ ...x })),
    },
    written: { vars: new Map(), locals: new Set(), items: new Set(), outputs: new Map(), tasks: new Set(), messages: new Set() },
  };
}

const plain = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** Records that `names` (all when omitted) of a scope's variables were written this step. */
export function wroteVariables(ctx: RuntimeContext, scope: ScopeInstance, names?: string[]): void {
  const known = ctx.written.vars.get(scope);
  if (known === true) return;
  if (!names) return void ctx.written.vars.set(scope, true);
  const set = known ?? new Set<string>();
  for (const name of names) set.add(name);
  ctx.written.vars.set(scope, set);
}

/**
 * Makes what this step wrote plain JSON, as the deep copy of the whole state at the start of the next
 * step used to: FEEL values (dates, durations) become their JSON form, `undefined` entries `null` or
 * gone. Within the step they stay as evaluated, exactly as before; only what was written is converted,
 * and into new objects, so commands that carry them are unchanged.
 */
export function settle(ctx: RuntimeContext): void {
  const { state, written } = ctx;
  for (const [scope, names] of written.vars) {
    const vars = names === true ? plain(scope.variables) : { ...scope.variables };
    if (names !== true) {
      for (const name of names) {
        if (vars[name] === undefined) delete vars[name];
        else vars[name] = plain(vars[name]);
      }
    }
    scope.variables = vars;
    if (scope.elementId === ROOT_SCOPE && !scope.parentId && state.scopes.includes(scope)) state.variables = vars;
  }
  for (const t of written.locals) if (t.locals) t.locals = plain(t.locals);
  for (const t of written.items) if (t.mi?.items) t.mi.items = plain(t.mi.items);
  for (const [t, { from, indices }] of written.outputs) {
    if (!t.mi) continue;
    const outputs = t.mi.outputs;
    for (let i = from; i < outputs.length; i++) if (outputs[i] === undefined) outputs[i] = null; // new holes, as JSON has them
    for (const i of indices) outputs[i] = plain(outputs[i]);
  }
  for (const task of written.tasks) {
    const i = state.openTasks.indexOf(task);
    if (i >= 0) state.openTasks[i] = plain(task);
  }
  if (state.thrown) state.thrown = plain(state.thrown);
  if (written.messages.size && state.bufferedMessages)
    state.bufferedMessages = state.bufferedMessages.map((m) => (written.messages.has(m) ? plain(m) : m));
}
