import type { LintRule } from './types';

/** haoban/feel-script: script tasks run FEEL (zeebe:script) or a job worker; no JavaScript or JUEL. */
const rule: LintRule = () => ({
  check(node, reporter) {
    if (node.$type !== 'bpmn:ScriptTask') return;
    const ext: { $type: string }[] = node.extensionElements?.values ?? [];
    if (!ext.some((e) => e.$type === 'zeebe:Script' || e.$type === 'zeebe:TaskDefinition')) {
      reporter.report(node.id, `脚本任务只支持 FEEL (script tasks run FEEL only)${node.scriptFormat ? `; not ${node.scriptFormat}` : ''}`);
    }
  },
});
export default rule;
