import type { CompiledProcess, EngineCommand, EngineState, FlowNode, Token } from '../model';

/** What a behaviour decides when a token enters its element. The runtime moves the tokens. */
export type Outcome =
  /** Leave by the outgoing flows: all whose condition holds, or exactly one when `takeOne`. */
  | { kind: 'leave'; takeOne?: boolean }
  /** Stay in the element until an event resumes the token. */
  | { kind: 'wait'; commands: EngineCommand[] }
  /** The token is consumed here (end event, or a join still waiting for its other branches). */
  | { kind: 'consume' };

export interface BehaviourContext {
  process: CompiledProcess;
  state: EngineState;
  node: FlowNode;
  token: Token;
  /** Flow the token arrived by; undefined for start events. */
  via?: string;
  at: string;
  nextId(prefix: string): string;
}

export type Behaviour = (ctx: BehaviourContext) => Outcome;
