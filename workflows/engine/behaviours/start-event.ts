import type { Behaviour } from './types';

export const startEvent: Behaviour = () => ({ kind: 'leave' });
