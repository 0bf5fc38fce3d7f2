import { serviceTask } from './service-task';
import type { Behaviour } from './types';

/** Intermediate throw: none passes, escalation/compensation act, link jumps, message throw runs a job. */
export const intermediateThrowEvent: Behaviour = (ctx) => {
  const { node } = ctx;
  switch (node.event?.kind) {
    case 'escalation':
      return { kind: 'throw', event: 'escalation', code: node.event.code, end: false };
    case 'link':
      return { kind: 'link', name: node.event.name ?? '' };
    case 'compensate':
      return { kind: 'compensate', activityRef: node.event.activityRef, end: false };
    default:
      return node.taskDefinition ? serviceTask(ctx) : { kind: 'leave' };
  }
};
