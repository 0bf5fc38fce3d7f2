import type { Behaviour } from './types';

export const endEvent: Behaviour = () => ({ kind: 'consume' });
