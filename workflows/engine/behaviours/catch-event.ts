import type { Behaviour } from './types';

/** Intermediate catch (timer, message, signal): waits for its event; a link catch passes on. */
export const intermediateCatchEvent: Behaviour = ({ node, triggered }) =>
  triggered || node.event?.kind === 'link' ? { kind: 'leave' } : { kind: 'wait', subscribe: true };
