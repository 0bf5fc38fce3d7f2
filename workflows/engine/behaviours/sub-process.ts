import type { Behaviour } from './types';

/** Embedded subprocess: the runtime opens a scope and starts it. */
export const subProcess: Behaviour = () => ({ kind: 'enterScope' });
