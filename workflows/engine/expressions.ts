import { evaluate } from 'feelin';
import { EngineError, type Variables } from './model';

/** Strips the leading `=` Zeebe uses to mark an expression. */
export function stripFeelMarker(expression: string): string {
  const trimmed = expression.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
}

/** Evaluates a FEEL expression against case variables; pure and deterministic. */
export function evaluateFeel(elementId: string, expression: string, variables: Variables): unknown {
  try {
    return evaluate(stripFeelMarker(expression), variables).value;
  } catch (err) {
    throw new EngineError(elementId, `FEEL 表达式错误 (FEEL expression error) in "${expression}": ${(err as Error).message}`);
  }
}

/** A FEEL condition is true only when it evaluates to boolean true (null/false/non-boolean → not taken). */
export function evaluateCondition(elementId: string, expression: string, variables: Variables): boolean {
  return evaluateFeel(elementId, expression, variables) === true;
}
