import { ELEMENTS } from '../elements';
import type { NodeType } from '../model';
import type { Behaviour } from './types';

/** One behaviour per executable element kind, from the element descriptors (elements/). */
export const behaviours = Object.fromEntries(Object.values(ELEMENTS).map((k) => [k.type, k.behaviour])) as Record<NodeType, Behaviour>;
