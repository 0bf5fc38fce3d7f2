import { businessRuleTask as ruleBehaviour } from '../behaviours/business-rule-task';
import { passThrough } from '../behaviours/pass-through';
import { receiveTask as receiveBehaviour } from '../behaviours/receive-task';
import { scriptTask as scriptBehaviour } from '../behaviours/script-task';
import { serviceTask as serviceBehaviour } from '../behaviours/service-task';
import { userTask as userBehaviour } from '../behaviours/user-task';
import { checkFeel, compileUserTask, decisionTable, requireJob, subscriptionKey } from './compile-helpers';
import type { ElementKind } from './types';

/** Tasks (任务). */

const NO_SERVICE_TYPE = '服务任务缺少 zeebe:taskDefinition type (needs a task type)';

export const task: ElementKind<'task'> = { type: 'task', moddle: 'bpmn:Task', behaviour: passThrough };

export const manualTask: ElementKind<'manualTask'> = { type: 'manualTask', moddle: 'bpmn:ManualTask', behaviour: passThrough };

export const userTask: ElementKind<'userTask'> = {
  type: 'userTask',
  moddle: 'bpmn:UserTask',
  compile: (_el, node, c) => compileUserTask(node, c),
  behaviour: userBehaviour,
};

export const serviceTask: ElementKind<'serviceTask'> = {
  type: 'serviceTask',
  moddle: 'bpmn:ServiceTask',
  compile: (_el, node, c) => requireJob(node, c, NO_SERVICE_TYPE),
  behaviour: serviceBehaviour,
};

export const sendTask: ElementKind<'sendTask'> = {
  type: 'sendTask',
  moddle: 'bpmn:SendTask',
  compile: (_el, node, c) => requireJob(node, c, '发送任务缺少 zeebe:taskDefinition type (needs a task type)'),
  behaviour: serviceBehaviour,
};

export const receiveTask: ElementKind<'receiveTask'> = {
  type: 'receiveTask',
  moddle: 'bpmn:ReceiveTask',
  compile(el, node) {
    node.event = { kind: 'message', name: el.messageRef?.name ?? el.id };
    const key = subscriptionKey(el.messageRef);
    if (key) node.event.correlationKey = key;
  },
  behaviour: receiveBehaviour,
};

/** FEEL only (zeebe:script), or a job worker. */
export const scriptTask: ElementKind<'scriptTask'> = {
  type: 'scriptTask',
  moddle: 'bpmn:ScriptTask',
  compile(el, node, c) {
    if (c.find('zeebe:TaskDefinition')) return requireJob(node, c, NO_SERVICE_TYPE);
    const script = c.find('zeebe:Script');
    if (!script?.expression || !script.resultVariable) {
      c.problem(
        `脚本任务只支持 FEEL：需要 zeebe:script expression 与 resultVariable (script tasks run FEEL only; ${el.scriptFormat ? `scriptFormat "${el.scriptFormat}" is not supported` : 'no zeebe:script'})`,
      );
    } else {
      node.script = { expression: script.expression, resultVariable: script.resultVariable };
      checkFeel(script.expression, c.problem);
    }
  },
  behaviour: scriptBehaviour,
};

/** A FEEL decision table, or a job worker. */
export const businessRuleTask: ElementKind<'businessRuleTask'> = {
  type: 'businessRuleTask',
  moddle: 'bpmn:BusinessRuleTask',
  compile(_el, node, c) {
    if (c.find('zeebe:TaskDefinition')) return requireJob(node, c, NO_SERVICE_TYPE);
    node.decision = decisionTable(c.extensions, c.problem);
  },
  behaviour: ruleBehaviour,
};
