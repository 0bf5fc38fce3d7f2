import feelScript from './feel-script';
import supportedElements from './supported-elements';
import taskDefinition from './task-definition';
import type { LintRule } from './types';

/** Our bpmnlint rules, referenced from definitions/.bpmnlintrc as `haoban/<name>`. */
export const haobanRules: Record<string, LintRule> = {
  'supported-elements': supportedElements,
  'task-definition': taskDefinition,
  'feel-script': feelScript,
};
