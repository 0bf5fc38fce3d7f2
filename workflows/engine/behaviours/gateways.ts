import type { Behaviour } from './types';

/** Takes the first outgoing flow whose condition holds, else the default flow. */
export const exclusiveGateway: Behaviour = () => ({ kind: 'leave', takeOne: true });

/** Forks to every outgoing flow; joins all incoming flows. */
export const parallelGateway: Behaviour = ({ node }) => (node.incoming.length > 1 ? { kind: 'join', mode: 'all' } : { kind: 'leave' });

/** Forks to every flow whose condition holds; joins the branches that can still arrive. */
export const inclusiveGateway: Behaviour = ({ node }) =>
  node.incoming.length > 1 ? { kind: 'join', mode: 'inclusive' } : { kind: 'leave' };

/** Waits for the first of the catch events behind it. */
export const eventBasedGateway: Behaviour = () => ({ kind: 'wait', race: true });
