import { evaluateCondition } from '../../workflows/engine/expressions';
import type { CompiledProcess, FlowNode, Variables } from '../../workflows/engine/model';

export interface PredictedStep {
  elementId: string;
  name: string;
  type: FlowNode['type'];
  /** True when the applicant is the one who has to act (a task for the applicant group or the applicant). */
  applicantActs: boolean;
}

const MAX_STEPS = 3;

/**
 * "What comes next": walks the compiled graph from the elements a token waits in, choosing gateway
 * branches with the case's current variables (FEEL, as the engine would); unset decisions fall to the
 * default flow, which is the usual path. Stops at the first few waiting elements or an end event.
 */
export function predictNextSteps(
  process: CompiledProcess,
  fromElementIds: string[],
  variables: Variables,
  applicantId?: string,
): PredictedStep[] {
  const steps: PredictedStep[] = [];
  const seen = new Set<string>();
  const queue = fromElementIds.flatMap((id) => process.nodes[id]?.outgoing ?? []);
  while (queue.length && steps.length < MAX_STEPS) {
    const flowId = queue.shift() as string;
    const target = process.nodes[process.flows[flowId]?.targetRef];
    if (!target || seen.has(target.id)) continue;
    seen.add(target.id);
    if (target.type === 'userTask' || target.type === 'serviceTask' || target.type === 'endEvent') {
      if (target.name)
        steps.push({ elementId: target.id, name: target.name, type: target.type, applicantActs: applicantActs(target, applicantId) });
      if (target.type === 'userTask' || target.type === 'endEvent') continue;
    }
    const chosen = chooseOutgoing(target, process, variables);
    if (chosen === 'undecided') {
      // A decision still to be made (by a person or a later check): name it instead of guessing.
      if (target.name) steps.push({ elementId: target.id, name: target.name, type: target.type, applicantActs: false });
      continue;
    }
    queue.push(...chosen);
  }
  return steps;
}

const FEEL_WORDS = new Set([
  'true',
  'false',
  'null',
  'and',
  'or',
  'not',
  'in',
  'between',
  'instance',
  'of',
  'if',
  'then',
  'else',
  'some',
  'every',
  'satisfies',
]);

/** Names a FEEL condition reads (outside string literals), to tell "false" from "not known yet". */
function referencedNames(condition: string): string[] {
  return (condition.replace(/"[^"]*"/g, '').match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).filter((w) => !FEEL_WORDS.has(w));
}

function chooseOutgoing(node: FlowNode, process: CompiledProcess, variables: Variables): string[] | 'undecided' {
  if (node.type !== 'exclusiveGateway') return node.outgoing;
  let unknown = false;
  for (const id of node.outgoing) {
    if (id === node.defaultFlow) continue;
    const condition = process.flows[id].condition;
    if (condition === undefined) return [id];
    if (referencedNames(condition).some((name) => variables[name] === undefined)) unknown = true;
    try {
      if (evaluateCondition(id, condition, variables)) return [id];
    } catch {
      unknown = true;
    }
  }
  if (unknown) return 'undecided';
  return node.defaultFlow ? [node.defaultFlow] : [];
}

export function applicantActs(node: FlowNode, applicantId?: string): boolean {
  const a = node.type === 'userTask' ? node.assignment : undefined;
  if (!a) return false;
  return (
    (a.candidateGroups ?? []).includes('applicant') ||
    (applicantId !== undefined && (a.assignee === applicantId || (a.candidateUsers ?? []).includes(applicantId)))
  );
}
