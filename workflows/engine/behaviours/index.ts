import type { NodeType } from '../model';
import { endEvent } from './end-event';
import { exclusiveGateway } from './exclusive-gateway';
import { parallelGateway } from './parallel-gateway';
import { serviceTask } from './service-task';
import { startEvent } from './start-event';
import type { Behaviour } from './types';
import { userTask } from './user-task';

/** One behaviour per executable element kind. The compiler rejects every kind not listed here. */
export const behaviours: Record<NodeType, Behaviour> = {
  startEvent,
  endEvent,
  userTask,
  serviceTask,
  exclusiveGateway,
  parallelGateway,
};
