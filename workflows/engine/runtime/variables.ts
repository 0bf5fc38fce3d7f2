import { evaluateFeel } from '../expressions';
import {
  EngineError,
  VARIABLES_LIMIT_BYTES,
  VARIABLES_TOO_LARGE,
  type FlowNode,
  type ScopeInstance,
  type Token,
  type Variables,
} from '../model';
import { wroteVariables, type RuntimeContext } from './context';

/** Variable scopes (变量作用域): the chain from the process scope down to `scopeId`. */
export function scopeChain(ctx: RuntimeContext, scopeId: string): ScopeInstance[] {
  const chain: ScopeInstance[] = [];
  for (let s = ctx.scopeOf(scopeId); s; s = s.parentId ? ctx.scopeOf(s.parentId) : undefined) chain.unshift(s);
  return chain;
}

export function visible(ctx: RuntimeContext, scopeId: string, locals?: Variables): Variables {
  return Object.assign({}, ...scopeChain(ctx, scopeId).map((s) => s.variables), locals ?? {}) as Variables;
}

export const tokenVars = (ctx: RuntimeContext, t: Token): Variables => visible(ctx, t.scopeId, t.locals);

/** Sets variables where they are already defined (innermost first), else at the process level. */
export function setVariables(ctx: RuntimeContext, scopeId: string, vars: Variables, elementId: string): void {
  if (!vars || Object.keys(vars).length === 0) return;
  const chain = scopeChain(ctx, scopeId).reverse();
  for (const [key, value] of Object.entries(vars)) {
    const owner = ctx.own.scope(chain.find((s) => key in s.variables) ?? ctx.rootScope());
    owner.variables[key] = value === undefined ? null : value;
    wroteVariables(ctx, owner, [key]);
  }
  ctx.state.variables = ctx.rootScope().variables;
  checkSize(ctx, elementId);
}

export function checkSize(ctx: RuntimeContext, elementId: string): void {
  const size = jsonLength(ctx.state.scopes.map((s) => s.variables));
  if (size > VARIABLES_LIMIT_BYTES) {
    throw new EngineError(elementId, `${VARIABLES_TOO_LARGE}: ${size} bytes > ${VARIABLES_LIMIT_BYTES}`);
  }
}

/**
 * JSON lengths of variable values by identity. Values are never changed in place (a write replaces
 * the value), and untouched scopes share theirs with the previous state, so the size check costs
 * what the step wrote, not the size of the case.
 */
const lengths = new WeakMap<object, number>();

/** `JSON.stringify(list).length` for the list of scope variable objects, reusing known value lengths. */
function jsonLength(scopes: Variables[]): number {
  let size = 2 + Math.max(0, scopes.length - 1);
  for (const vars of scopes) {
    let entries = 0;
    size += 2;
    for (const key of Object.keys(vars)) {
      const n = valueLength(vars[key]);
      if (n === undefined) continue;
      size += JSON.stringify(key).length + 1 + n;
      entries++;
    }
    size += Math.max(0, entries - 1);
  }
  return size;
}

function valueLength(value: unknown): number | undefined {
  const cached = value !== null && typeof value === 'object' ? lengths.get(value) : undefined;
  if (cached !== undefined) return cached;
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) return undefined;
  if (value !== null && typeof value === 'object') lengths.set(value, text.length);
  return text.length;
}

/** Output mappings (输出映射) of an element applied to its result. */
export function mapOutputs(ctx: RuntimeContext, n: FlowNode, t: Token, result: Variables): Variables {
  if (!n.outputs?.length) return result;
  const vars = { ...tokenVars(ctx, t), ...result };
  return Object.fromEntries(n.outputs.map((m) => [m.target, evaluateFeel(n.id, m.source, vars)]));
}
