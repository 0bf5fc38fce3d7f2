import type { NodeType } from '../model';
import { boundaryEvent } from './boundary-event';
import { businessRuleTask } from './business-rule-task';
import { callActivity } from './call-activity';
import { intermediateCatchEvent } from './catch-event';
import { endEvent } from './end-event';
import { eventBasedGateway, exclusiveGateway, inclusiveGateway, parallelGateway } from './gateways';
import { passThrough } from './pass-through';
import { receiveTask } from './receive-task';
import { scriptTask } from './script-task';
import { serviceTask } from './service-task';
import { startEvent } from './start-event';
import { subProcess } from './sub-process';
import { intermediateThrowEvent } from './throw-event';
import type { Behaviour } from './types';
import { userTask } from './user-task';

/** One behaviour per executable element kind. The compiler rejects every kind not listed here. */
export const behaviours: Record<NodeType, Behaviour> = {
  startEvent,
  endEvent,
  intermediateCatchEvent,
  intermediateThrowEvent,
  boundaryEvent,
  task: passThrough,
  manualTask: passThrough,
  userTask,
  serviceTask,
  sendTask: serviceTask,
  receiveTask,
  scriptTask,
  businessRuleTask,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway,
  subProcess,
  callActivity,
};
