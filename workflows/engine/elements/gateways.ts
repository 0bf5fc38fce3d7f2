import {
  eventBasedGateway as raceBehaviour,
  exclusiveGateway as exclusiveBehaviour,
  inclusiveGateway as inclusiveBehaviour,
  parallelGateway as parallelBehaviour,
} from '../behaviours/gateways';
import type { ElementKind } from './types';

/** Gateways (网关). */

export const exclusiveGateway: ElementKind<'exclusiveGateway'> = {
  type: 'exclusiveGateway',
  moddle: 'bpmn:ExclusiveGateway',
  behaviour: exclusiveBehaviour,
};

export const parallelGateway: ElementKind<'parallelGateway'> = {
  type: 'parallelGateway',
  moddle: 'bpmn:ParallelGateway',
  behaviour: parallelBehaviour,
};

export const inclusiveGateway: ElementKind<'inclusiveGateway'> = {
  type: 'inclusiveGateway',
  moddle: 'bpmn:InclusiveGateway',
  behaviour: inclusiveBehaviour,
};

export const eventBasedGateway: ElementKind<'eventBasedGateway'> = {
  type: 'eventBasedGateway',
  moddle: 'bpmn:EventBasedGateway',
  behaviour: raceBehaviour,
};
