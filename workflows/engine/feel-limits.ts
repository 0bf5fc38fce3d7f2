import { FeelRange, parseExpression, parseUnaryTests } from 'feelin';

/**
 * Bounds on FEEL (表达式限额). An expression runs inside the workflow (no wall clock to time it out)
 * and at deploy, so it is bounded by shape and by count instead: its length, no user-defined
 * functions (recursion cannot be bounded), at most two nested iterations, and an iteration budget
 * per evaluation that ranges and variable lists draw from. Deploy only parses; nothing runs there.
 */
export const FEEL_LIMITS = Object.freeze({
  /** Longest expression, in characters. */
  maxLength: 4000,
  /** Most iterations nested in each other (`for a in x, b in y` counts two; a filter `l[…]` one). */
  maxIterationDepth: 2,
  /** Most elements iterated in one evaluation (range elements; the product of nested variable lists). */
  iterationBudget: 100_000,
});

/** A FEEL expression over its bounds: at run time an incident naming the element, at deploy a problem. */
export class FeelLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeelLimitError';
  }
}

interface Shape {
  /** Deepest nesting of iterations. */
  iterationDepth: number;
}

const shapes = new Map<string, Shape>();

/** Parses (never evaluates) and checks the bounds; throws FeelLimitError or returns the shape. */
export function checkFeelShape(expression: string, kind: 'expression' | 'unaryTests' = 'expression'): Shape {
  const key = `${kind}:${expression}`;
  const known = shapes.get(key);
  if (known) return known;
  if (expression.length > FEEL_LIMITS.maxLength)
    throw new FeelLimitError(`表达式过长 (expression longer than ${FEEL_LIMITS.maxLength} characters)`);
  const tree = kind === 'expression' ? parseExpression(expression, {}, undefined) : parseUnaryTests(expression, {}, undefined);
  let syntaxAt: number | undefined;
  let functionDefinition = false;
  let rangeTooLarge: string | undefined;
  let depth = 0;
  let maxDepth = 0;
  const pushed: number[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.type.isError && syntaxAt === undefined) syntaxAt = ref.from;
      if (ref.name === 'FunctionDefinition') functionDefinition = true;
      let weight = 0;
      if (ref.name === 'ForExpression' || ref.name === 'QuantifiedExpression')
        weight = ref.node.getChild('InExpressions')?.getChildren('InExpression').length ?? 1;
      else if (ref.name === 'FilterExpression') weight = 1;
      pushed.push(weight);
      depth += weight;
      maxDepth = Math.max(maxDepth, depth);
      if (ref.name === 'IterationContext') {
        const bounds = ref.node.getChildren('NumericLiteral').map((n) => Number(expression.slice(n.from, n.to)));
        if (bounds.length === 2 && Math.abs(bounds[1] - bounds[0]) + 1 > FEEL_LIMITS.iterationBudget)
          rangeTooLarge = expression.slice(ref.from, ref.to);
      }
    },
    leave() {
      depth -= pushed.pop() ?? 0;
    },
  });
  if (syntaxAt !== undefined) throw new FeelLimitError(`语法错误，位置 ${syntaxAt + 1} (syntax error at character ${syntaxAt + 1})`);
  if (functionDefinition) throw new FeelLimitError('不支持自定义函数 (function definitions are not supported)');
  if (maxDepth > FEEL_LIMITS.maxIterationDepth)
    throw new FeelLimitError(
      `迭代嵌套超过 ${FEEL_LIMITS.maxIterationDepth} 层 (iterations nested deeper than ${FEEL_LIMITS.maxIterationDepth})`,
    );
  if (rangeTooLarge)
    throw new FeelLimitError(
      `范围 ${rangeTooLarge} 超过 ${FEEL_LIMITS.iterationBudget} 个元素 (range larger than ${FEEL_LIMITS.iterationBudget} elements)`,
    );
  const shape = { iterationDepth: maxDepth };
  if (shapes.size > 5000) shapes.clear();
  shapes.set(key, shape);
  return shape;
}

/** The message of a deploy-time problem, or undefined when the expression is within its bounds. */
export function feelProblem(expression: string, kind: 'expression' | 'unaryTests' = 'expression'): string | undefined {
  try {
    checkFeelShape(expression, kind);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

// Iterations left in the evaluation under way (evaluation is synchronous, so one counter suffices).
let remaining = Number.POSITIVE_INFINITY;

/**
 * Runs one evaluation under the iteration budget. Nested iterations over variable lists are
 * bounded up front (longest list to the power of the nesting); ranges draw from the budget as
 * feelin expands them, so `for i in 1..n` with a huge `n` stops at the budget.
 */
export function withinFeelBudget<T>(shape: Shape, variables: Record<string, unknown>, run: () => T): T {
  if (shape.iterationDepth > 0) {
    const longest = longestList(variables);
    if (longest ** shape.iterationDepth > FEEL_LIMITS.iterationBudget) {
      throw new FeelLimitError(
        `迭代次数可能超过 ${FEEL_LIMITS.iterationBudget} (a list of ${longest} iterated ${shape.iterationDepth} deep exceeds the budget of ${FEEL_LIMITS.iterationBudget})`,
      );
    }
  }
  const outer = remaining;
  remaining = FEEL_LIMITS.iterationBudget;
  try {
    return run();
  } finally {
    remaining = outer;
  }
}

function longestList(value: unknown): number {
  let longest = 0;
  const stack: unknown[] = [value];
  let visited = 0;
  while (stack.length && visited++ < 1_000_000) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      longest = Math.max(longest, v.length);
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      for (const x of Object.values(v)) if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return longest;
}

// feelin expands a range into its elements through FeelRange#map (for / some / every over `a..b`):
// count them against the budget before expanding, so a huge range is refused, not allocated.
const rangeProto = FeelRange.prototype as unknown as {
  map: (fn: (x: unknown) => unknown) => unknown[];
  __bounded?: true;
  start: unknown;
  end: unknown;
};
if (!rangeProto.__bounded) {
  const expand = rangeProto.map;
  rangeProto.map = function boundedMap(this: typeof rangeProto, fn) {
    if (typeof this.start === 'number' && typeof this.end === 'number') {
      const size = Math.abs(this.end - this.start) + 1;
      if (!(size <= remaining))
        throw new FeelLimitError(
          `范围 ${this.start}..${this.end} 超过迭代限额 ${FEEL_LIMITS.iterationBudget} (range exceeds the iteration budget)`,
        );
      remaining -= size;
    }
    return expand.call(this, fn);
  };
  rangeProto.__bounded = true;
}
