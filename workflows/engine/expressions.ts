import { evaluate, unaryTest } from 'feelin';
import { checkFeelShape, withinFeelBudget } from './feel-limits';
import { EngineError, type Variables } from './model';

/** Strips the leading `=` Zeebe uses to mark an expression. */
export function stripFeelMarker(expression: string): string {
  const trimmed = expression.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
}

/** Whether a Zeebe attribute value is an expression (`=…`) rather than a static literal. */
export function isExpression(value: string): boolean {
  return value.trim().startsWith('=');
}

/** Evaluates a FEEL expression against case variables; pure, deterministic and bounded (feel-limits). */
export function evaluateFeel(elementId: string, expression: string, variables: Variables): unknown {
  try {
    const source = stripFeelMarker(expression);
    const value = withinFeelBudget(checkFeelShape(source), variables, () => evaluate(source, variables).value);
    return value === undefined ? null : value;
  } catch (err) {
    throw new EngineError(elementId, `FEEL 表达式错误 (FEEL expression error) in "${expression}": ${(err as Error).message}`);
  }
}

/** A static literal stays as written; `=expr` is evaluated. */
export function evaluateValue(elementId: string, value: string, variables: Variables): unknown {
  return isExpression(value) ? evaluateFeel(elementId, value, variables) : value;
}

/** A FEEL condition is true only when it evaluates to boolean true (null/false/non-boolean → not taken). */
export function evaluateCondition(elementId: string, expression: string, variables: Variables): boolean {
  return evaluateFeel(elementId, expression, variables) === true;
}

/** A DMN unary test (decision table input entry) against one input value. */
export function evaluateUnaryTest(elementId: string, test: string, input: unknown, variables: Variables): boolean {
  if (test.trim() === '-' || test.trim() === '') return true;
  try {
    const context = { ...variables, '?': input };
    return withinFeelBudget(checkFeelShape(test, 'unaryTests'), context, () => unaryTest(test, context).value === true);
  } catch (err) {
    throw new EngineError(elementId, `FEEL 单元测试错误 (FEEL unary test error) in "${test}": ${(err as Error).message}`);
  }
}

/** Names referenced by an expression that have no value in the variables: helps explain a failed condition. */
export function unknownNames(expression: string, variables: Variables): string[] {
  const names =
    stripFeelMarker(expression)
      .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
      .match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  const keywords = new Set([
    'and',
    'or',
    'not',
    'true',
    'false',
    'null',
    'if',
    'then',
    'else',
    'in',
    'some',
    'every',
    'for',
    'return',
    'satisfies',
    'between',
    'instance',
    'of',
    'function',
  ]);
  return [...new Set(names)].filter((n) => !keywords.has(n) && !(n in variables));
}
