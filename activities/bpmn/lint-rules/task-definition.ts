import type { LintRule } from './types';

/** haoban/task-definition: service and send tasks name their worker with zeebe:taskDefinition type. */
const rule: LintRule = () => ({
  check(node, reporter) {
    if (node.$type !== 'bpmn:ServiceTask' && node.$type !== 'bpmn:SendTask') return;
    const def = (node.extensionElements?.values ?? []).find((e: { $type: string }) => e.$type === 'zeebe:TaskDefinition');
    if (!def?.type) reporter.report(node.id, '缺少 zeebe:taskDefinition type (service/send task needs a task type)');
  },
});
export default rule;
