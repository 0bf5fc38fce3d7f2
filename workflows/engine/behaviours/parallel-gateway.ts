import type { Behaviour } from './types';

/** Forks to every outgoing flow; joins by waiting until every incoming flow has delivered a token. */
export const parallelGateway: Behaviour = ({ node, state, via }) => {
  if (node.incoming.length <= 1 || !via) return { kind: 'leave' };
  const arrived = state.joins[node.id] ?? [];
  state.joins[node.id] = [...arrived, via];
  const complete = node.incoming.every((flowId) => state.joins[node.id].includes(flowId));
  if (!complete) return { kind: 'consume' };
  // Remove one arrival per incoming flow; extra arrivals stay for the next join round.
  const remaining = [...state.joins[node.id]];
  for (const flowId of node.incoming) remaining.splice(remaining.indexOf(flowId), 1);
  state.joins[node.id] = remaining;
  return { kind: 'leave' };
};
