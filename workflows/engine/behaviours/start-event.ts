import type { Behaviour } from './types';

/** A start event passes on; a timer start that has not fired yet holds the case until it does. */
export const startEvent: Behaviour = ({ node, triggered }) =>
  node.event?.kind === 'timer' && !triggered ? { kind: 'wait', subscribe: true } : { kind: 'leave' };
