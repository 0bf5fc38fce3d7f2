// moddle nodes are loosely typed; bpmnlint passes them through untouched.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LintNode = any;
export interface LintReporter {
  report(id: string, message: string): void;
}
/** A bpmnlint rule factory: `check(node, reporter)` is called for every element. */
export type LintRule = () => { check(node: LintNode, reporter: LintReporter): void };
