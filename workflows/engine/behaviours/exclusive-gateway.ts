import type { Behaviour } from './types';

/** Takes the first outgoing flow whose condition holds, else the default flow. */
export const exclusiveGateway: Behaviour = () => ({ kind: 'leave', takeOne: true });
