import { feelProblem } from '../feel-limits';
import { stripFeelMarker } from '../expressions';
import type { Assignment, DecisionTable, FlowNode, UserTaskNode } from '../model';
import type { CompileContext, El } from './types';

/** Compile-time helpers shared by element kinds. */

export function taskDefinition(def: El): { type: string; retries: number } {
  const retries = def.retries === undefined ? 3 : Number(def.retries);
  return { type: def.type, retries: Number.isFinite(retries) && retries >= 1 ? retries : 3 };
}

/** A job the element runs: `zeebe:taskDefinition` with a type, else the problem named. */
export function requireJob(node: FlowNode, c: CompileContext, missing: string): void {
  const def = c.find('zeebe:TaskDefinition');
  if (!def?.type) c.problem(missing);
  else node.taskDefinition = taskDefinition(def);
}

/** A message throw (end or intermediate event) sends its message through a job. */
export function messageThrow(node: FlowNode, c: CompileContext): void {
  if (c.event?.kind === 'message')
    requireJob(node, c, '消息抛出事件需要 zeebe:taskDefinition 发送消息 (a message throw/end event needs a zeebe:taskDefinition job)');
}

export function subscriptionKey(message: El): string | undefined {
  const sub = (message?.extensionElements?.values ?? []).find((e: El) => e.$instanceOf('zeebe:Subscription'));
  return sub?.correlationKey;
}

export function checkFeel(expression: string, problem: (m: string) => void): void {
  if (!expression.trim().startsWith('=') && !/[=<>()]/.test(expression)) return; // static literal
  const error = feelSyntaxError(expression);
  if (error) problem(`FEEL 语法错误 (FEEL syntax error) in "${expression}": ${error}`);
}

/** Deploy only parses and checks the bounds (feel-limits): an admin's expression never runs here. */
export function feelSyntaxError(expression: string): string | undefined {
  return feelProblem(stripFeelMarker(expression));
}

/** `a, b` is a static list; `=expr` stays one expression evaluated at run time. */
function listOrExpression(value: string): string[] {
  return value.trim().startsWith('=')
    ? [value]
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

export function compileUserTask(node: UserTaskNode, c: CompileContext): void {
  const assignment = c.find('zeebe:AssignmentDefinition');
  if (assignment) {
    const a: Assignment = {
      ...(assignment.assignee ? { assignee: assignment.assignee } : {}),
      ...(assignment.candidateGroups ? { candidateGroups: listOrExpression(assignment.candidateGroups) } : {}),
      ...(assignment.candidateUsers ? { candidateUsers: listOrExpression(assignment.candidateUsers) } : {}),
    };
    node.assignment = a;
    for (const v of [assignment.assignee, assignment.candidateGroups, assignment.candidateUsers]) if (v) checkFeel(v, c.problem);
  }
  const form = c.find('zeebe:FormDefinition');
  if (form?.formKey ?? form?.formId) node.formKey = form.formKey ?? form.formId;
  const schedule = c.find('zeebe:TaskSchedule');
  if (schedule?.dueDate) node.dueDate = schedule.dueDate;
  if (schedule?.followUpDate) node.followUpDate = schedule.followUpDate;
  const priority = c.find('zeebe:PriorityDefinition');
  if (priority?.priority !== undefined) node.priority = String(priority.priority);
}

/** A FEEL decision table kept as JSON in the `decisionTable` zeebe:property. */
export function decisionTable(ext: El[], problem: (m: string) => void): { table: DecisionTable; resultVariable: string } | undefined {
  const props = ext.find((e: El) => e.$instanceOf('zeebe:Properties'));
  const get = (name: string) => (props?.properties ?? []).find((p: El) => p.name === name)?.value as string | undefined;
  const called = ext.find((e: El) => e.$instanceOf('zeebe:CalledDecision'));
  const raw = get('decisionTable');
  const resultVariable = called?.resultVariable ?? get('resultVariable');
  if (!raw || !resultVariable) {
    problem(
      '业务规则任务需要 FEEL 决策表 (zeebe:property "decisionTable" JSON) 与 resultVariable，或 zeebe:taskDefinition (business rule task needs a FEEL decision table and a result variable, or a job type)',
    );
    return undefined;
  }
  let table: DecisionTable;
  try {
    table = JSON.parse(raw) as DecisionTable;
  } catch (err) {
    problem(`决策表不是有效 JSON (decision table is not valid JSON): ${(err as Error).message}`);
    return undefined;
  }
  table.hitPolicy = table.hitPolicy ?? 'FIRST';
  if (!['FIRST', 'UNIQUE', 'COLLECT'].includes(table.hitPolicy)) problem(`不支持的命中策略 (unsupported hit policy) ${table.hitPolicy}`);
  if (!Array.isArray(table.inputs) || !Array.isArray(table.outputs) || !Array.isArray(table.rules)) {
    problem('决策表需要 inputs、outputs、rules 数组 (decision table needs inputs, outputs and rules arrays)');
    return undefined;
  }
  for (const expr of table.inputs) checkFeel(expr, problem);
  table.rules.forEach((rule, i) => {
    if (rule.when?.length !== table.inputs.length || rule.then?.length !== table.outputs.length)
      problem(`决策表第 ${i + 1} 条规则的列数不符 (rule ${i + 1} has the wrong number of entries)`);
    for (const test of rule.when ?? []) {
      if (test.trim() === '-' || test.trim() === '') continue;
      const error = feelProblem(test, 'unaryTests');
      if (error) problem(`决策表第 ${i + 1} 条规则 FEEL 语法错误 (FEEL syntax error in rule ${i + 1}) "${test}": ${error}`);
    }
    for (const expr of rule.then ?? []) checkFeel(expr, problem);
  });
  return { table, resultVariable };
}
