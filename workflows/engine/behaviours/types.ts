import type { CompiledProcess, EngineCommand, EngineState, NodeOf, NodeType, OpenTask, Token, Variables } from '../model';

/** What a behaviour decides when a token enters its element. The runtime moves the tokens. */
export type Outcome =
  /** Leave by the outgoing flows: all whose condition holds, or exactly one when `takeOne`. */
  | { kind: 'leave'; takeOne?: boolean; variables?: Variables }
  /** Stay in the element until an event resumes the token; `subscribe` arms the element's own event. */
  | { kind: 'wait'; commands?: EngineCommand[]; task?: OpenTask; subscribe?: boolean; race?: boolean }
  /** The token is consumed here (none end event). */
  | { kind: 'consume' }
  /** A gateway joining branches: all incoming flows (parallel) or all that can still arrive (inclusive). */
  | { kind: 'join'; mode: 'all' | 'inclusive' }
  /** Throw an error or escalation from here; `end` when the thrower is an end event. */
  | { kind: 'throw'; event: 'error' | 'escalation'; code?: string; end: boolean }
  /** Terminate the enclosing scope. */
  | { kind: 'terminate' }
  /** Open the element's own scope (embedded subprocess) and start it. */
  | { kind: 'enterScope' }
  /** Jump to the link catch event of this name. */
  | { kind: 'link'; name: string }
  /** Run compensation handlers of completed activities, then continue (or end). */
  | { kind: 'compensate'; activityRef?: string; end: boolean };

export interface BehaviourContext<K extends NodeType = NodeType> {
  process: CompiledProcess;
  state: EngineState;
  node: NodeOf<K>;
  token: Token;
  /** Flow the token arrived by; undefined for start events. */
  via?: string;
  at: string;
  /** The element's event already happened (event-based gateway race won, start triggered). */
  triggered: boolean;
  /** Variables visible to the token (scope chain plus its locals). */
  variables: Variables;
  nextId(prefix: string): string;
}

/** A kind's behaviour sees its own node type (`Behaviour<'userTask'>`); the default takes any node. */
export type Behaviour<K extends NodeType = NodeType> = (ctx: BehaviourContext<K>) => Outcome;
