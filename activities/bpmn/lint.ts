import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json';
import type { DefinitionProblem } from './compile-process';
import { haobanRules } from './lint-rules';

// bpmnlint ships CommonJS without types for its entry point.
const { Linter } = require('bpmnlint') as {
  Linter: new (options: { config: unknown; resolver: unknown }) => {
    lint(root: unknown): Promise<Record<string, { id?: string; message: string; category: string }[]>>;
  };
};
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new () => {
  resolveRule(pkg: string, name: string): unknown;
  resolveConfig(pkg: string, name: string): unknown;
};

export const LINT_CONFIG_PATH = path.resolve(__dirname, '../../definitions/.bpmnlintrc');

/** Resolves `haoban/<rule>` to our rule files and everything else through bpmnlint's own resolver. */
class HaobanResolver {
  private readonly node = new NodeResolver();
  resolveRule(pkg: string, name: string) {
    if (pkg === 'haoban' || pkg === 'bpmnlint-plugin-haoban') {
      const rule = haobanRules[name];
      if (!rule) throw new Error(`unknown rule haoban/${name}`);
      return rule;
    }
    return this.node.resolveRule(pkg, name);
  }
  resolveConfig(pkg: string, name: string) {
    return this.node.resolveConfig(pkg, name);
  }
}

const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });

/**
 * Every problem that blocks a deploy, in one list: the compiler's, then the lint errors about elements
 * the compiler did not already name (our haoban/* rules repeat compiler checks for the editor's sake).
 */
export function mergeProblems(compiled: DefinitionProblem[], lintErrors: DefinitionProblem[]): DefinitionProblem[] {
  const named = new Set(compiled.map((p) => p.elementId));
  return [...compiled, ...lintErrors.filter((l) => !named.has(l.elementId))];
}

/**
 * bpmnlint with definitions/.bpmnlintrc. Our `haoban/*` rules block a deploy; bpmnlint's recommended
 * rules are advice (they also judge layout and modelling style), returned as warnings with the deploy.
 */
export async function lintDefinition(xml: string): Promise<{ errors: DefinitionProblem[]; warnings: DefinitionProblem[] }> {
  const config = JSON.parse(readFileSync(LINT_CONFIG_PATH, 'utf8'));
  let rootElement: unknown;
  try {
    ({ rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions'));
  } catch {
    return { errors: [], warnings: [] }; // malformed XML: the compiler reports it
  }
  if (!rootElement) return { errors: [], warnings: [] };
  const linter = new Linter({ config, resolver: new HaobanResolver() });
  const reports = await linter.lint(rootElement);
  const errors: DefinitionProblem[] = [];
  const warnings: DefinitionProblem[] = [];
  for (const [rule, list] of Object.entries(reports)) {
    for (const report of list) {
      const problem = { elementId: report.id, message: `${report.message} [${rule}]` };
      (report.category === 'error' && rule.startsWith('haoban/') ? errors : warnings).push(problem);
    }
  }
  return { errors, warnings };
}
