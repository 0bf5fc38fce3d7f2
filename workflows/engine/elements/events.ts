import { boundaryEvent as boundaryBehaviour } from '../behaviours/boundary-event';
import { intermediateCatchEvent as catchBehaviour } from '../behaviours/catch-event';
import { endEvent as endBehaviour } from '../behaviours/end-event';
import { startEvent as startBehaviour } from '../behaviours/start-event';
import { intermediateThrowEvent as throwBehaviour } from '../behaviours/throw-event';
import { messageThrow } from './compile-helpers';
import type { ElementKind } from './types';

/** Events (事件). */

export const startEvent: ElementKind<'startEvent'> = {
  type: 'startEvent',
  moddle: 'bpmn:StartEvent',
  events: ['none', 'timer', 'message', 'signal', 'error', 'escalation'],
  compile(el, node, c) {
    if (el.isInterrupting === false) node.interrupting = false;
    if (!c.scope && c.event && ['signal', 'error', 'escalation'].includes(c.event.kind))
      c.problem(`流程级不支持该启动事件 (unsupported process start event) ${c.event.kind}`);
  },
  behaviour: startBehaviour,
};

export const endEvent: ElementKind<'endEvent'> = {
  type: 'endEvent',
  moddle: 'bpmn:EndEvent',
  events: ['none', 'terminate', 'error', 'escalation', 'message', 'compensate'],
  compile: (_el, node, c) => messageThrow(node, c),
  behaviour: endBehaviour,
};

export const intermediateCatchEvent: ElementKind<'intermediateCatchEvent'> = {
  type: 'intermediateCatchEvent',
  moddle: 'bpmn:IntermediateCatchEvent',
  events: ['timer', 'message', 'signal', 'link'],
  behaviour: catchBehaviour,
};

export const intermediateThrowEvent: ElementKind<'intermediateThrowEvent'> = {
  type: 'intermediateThrowEvent',
  moddle: 'bpmn:IntermediateThrowEvent',
  events: ['none', 'escalation', 'message', 'link', 'compensate'],
  compile: (_el, node, c) => messageThrow(node, c),
  behaviour: throwBehaviour,
};

export const boundaryEvent: ElementKind<'boundaryEvent'> = {
  type: 'boundaryEvent',
  moddle: 'bpmn:BoundaryEvent',
  events: ['timer', 'message', 'signal', 'error', 'escalation', 'compensate'],
  compile(el, node) {
    node.attachedTo = el.attachedToRef?.id;
    node.cancelActivity = el.cancelActivity !== false;
  },
  behaviour: boundaryBehaviour,
};
