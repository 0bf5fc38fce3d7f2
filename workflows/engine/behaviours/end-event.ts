import { serviceTask } from './service-task';
import type { Behaviour } from './types';

/** End events: none and message end consume the token; the others act on their scope. */
export const endEvent: Behaviour = (ctx) => {
  const { node } = ctx;
  switch (node.event?.kind) {
    case 'terminate':
      return { kind: 'terminate' };
    case 'error':
      return { kind: 'throw', event: 'error', code: node.event.code, end: true };
    case 'escalation':
      return { kind: 'throw', event: 'escalation', code: node.event.code, end: true };
    case 'compensate':
      return { kind: 'compensate', activityRef: node.event.activityRef, end: true };
    default:
      return node.taskDefinition ? serviceTask(ctx) : { kind: 'consume' };
  }
};
