import type { Behaviour } from './types';

/** Abstract and manual tasks: nothing for the engine to do (a manual task is done off-system). */
export const passThrough: Behaviour = () => ({ kind: 'leave' });
