import { EXECUTABLE_MODDLE_TYPES } from '../../../workflows/engine/elements';
import type { LintRule } from './types';

// Flow elements the engine runs (the element descriptors), sequence flows and data artefacts; anything
// else inside a process is refused.
const SUPPORTED = new Set([
  ...EXECUTABLE_MODDLE_TYPES,
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);
const UNSUPPORTED_EVENTS = new Set(['bpmn:ConditionalEventDefinition', 'bpmn:CancelEventDefinition']);

/** haoban/supported-elements: only the BPMN subset the engine executes. */
const rule: LintRule = () => ({
  check(node, reporter) {
    if (node.$instanceOf('bpmn:FlowElement') && !SUPPORTED.has(node.$type)) {
      reporter.report(node.id, `不支持的元素 (unsupported element) ${node.$type}`);
    }
    for (const def of node.eventDefinitions ?? []) {
      if (UNSUPPORTED_EVENTS.has(def.$type)) reporter.report(node.id, `不支持的事件定义 (unsupported event definition) ${def.$type}`);
    }
  },
});
export default rule;
