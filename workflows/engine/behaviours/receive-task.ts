import type { Behaviour } from './types';

/** Waits for its message (or, without a message, for a message named after the task id). */
export const receiveTask: Behaviour = ({ triggered }) => (triggered ? { kind: 'leave' } : { kind: 'wait', subscribe: true });
