import type { NodeType } from '../model';
import { callActivity, subProcess } from './containers';
import { boundaryEvent, endEvent, intermediateCatchEvent, intermediateThrowEvent, startEvent } from './events';
import { eventBasedGateway, exclusiveGateway, inclusiveGateway, parallelGateway } from './gateways';
import { businessRuleTask, manualTask, receiveTask, scriptTask, sendTask, serviceTask, task, userTask } from './tasks';
import type { ElementKind } from './types';

/**
 * Every executable element kind, one descriptor each. The compiler's type and event tables, the
 * haoban/supported-elements lint rule and the runtime's behaviours all derive from this registry;
 * a kind missing here fails to type-check.
 */
export const ELEMENTS: { [K in NodeType]: ElementKind<K> } = {
  startEvent,
  endEvent,
  intermediateCatchEvent,
  intermediateThrowEvent,
  boundaryEvent,
  task,
  manualTask,
  userTask,
  serviceTask,
  sendTask,
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

// Seen from the compiler, a kind takes any node (it only ever gets its own).
const byModdle = new Map<string, ElementKind>(Object.values(ELEMENTS).map((k) => [k.moddle, k as unknown as ElementKind]));

/** The kind of a moddle element by its exact type; undefined when the engine does not execute it. */
export const kindOfModdle = (moddleType: string): ElementKind | undefined => byModdle.get(moddleType);

/** Moddle types of every executable kind (for the lint rule). */
export const EXECUTABLE_MODDLE_TYPES: string[] = [...byModdle.keys()];

export type { CompileContext, El, ElementKind } from './types';
