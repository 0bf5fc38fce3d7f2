import type { Behaviour } from './types';

/** A boundary event is entered only once it has fired; the runtime already handled the interruption. */
export const boundaryEvent: Behaviour = () => ({ kind: 'leave' });
