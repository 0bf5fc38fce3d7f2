import { callActivity as callBehaviour } from '../behaviours/call-activity';
import { subProcess as subProcessBehaviour } from '../behaviours/sub-process';
import type { ElementKind } from './types';

/** Subprocesses (子流程) and call activities (调用活动). */

export const subProcess: ElementKind<'subProcess'> = {
  type: 'subProcess',
  moddle: 'bpmn:SubProcess',
  compile(el, node) {
    if (el.triggeredByEvent) node.triggeredByEvent = true;
  },
  behaviour: subProcessBehaviour,
};

export const callActivity: ElementKind<'callActivity'> = {
  type: 'callActivity',
  moddle: 'bpmn:CallActivity',
  compile(el, node, c) {
    const called = c.find('zeebe:CalledElement');
    const processKey: string | undefined = called?.processId ?? el.calledElement;
    if (!processKey) return void c.problem('调用活动缺少被调用流程 (call activity needs zeebe:calledElement processId or calledElement)');
    const local = c.allProcesses.find((p) => p.id === processKey);
    if (local && local.isExecutable !== true) c.problem(`被调用的流程 ${processKey} 不可执行 (the called process is not executable)`);
    node.calledElement = {
      processKey,
      binding: called?.bindingType === 'deployment' ? 'deployment' : 'latest',
      propagateAllChildVariables: called?.propagateAllChildVariables !== false,
    };
  },
  behaviour: callBehaviour,
};
