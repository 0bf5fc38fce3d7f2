import type { Behaviour } from '../behaviours/types';
import type { EventDefinition, EventKind, NodeOf, NodeType } from '../model';

// moddle elements are loosely typed; keep the `any` confined to compilation.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type El = any;

/** What a kind's compile step gets besides the moddle element and the node built so far. */
export interface CompileContext {
  /** Enclosing subprocess id; undefined at process level. */
  scope: string | undefined;
  /** The element's compiled event definition (event elements), if it has one. */
  event?: EventDefinition;
  /** The element's first extension element of a moddle type (`zeebe:TaskDefinition` …). */
  find(type: string): El;
  /** All its extension elements. */
  extensions: El[];
  problem(message: string): void;
  /** Every process of the file (a call activity may call one of them). */
  allProcesses: El[];
}

/**
 * One element kind (元素类型): everything the compiler, the lint rule and the runtime know about it.
 * The compiler handles what all kinds share (ids, flows, io mappings, loops, the event definition);
 * `compile` adds what is this kind's own.
 */
export interface ElementKind<T extends NodeType = NodeType> {
  type: T;
  /** The exact moddle type (a bpmn:Transaction is a SubProcess subtype we do not run). */
  moddle: string;
  /** Event definitions the element accepts, `none` for none; absent: the kind takes no event definition. */
  events?: EventKind[];
  compile?(el: El, node: NodeOf<T>, c: CompileContext): void;
  /** What happens when a token enters it (the runtime moves the tokens). */
  behaviour: Behaviour<T>;
}
