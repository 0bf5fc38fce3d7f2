/**
 * The contract between the BPMN compiler (activities/bpmn) and the token runtime (workflows/engine).
 * Everything here is plain JSON: it crosses the workflow boundary and continue-as-new.
 */

export type NodeType =
  | 'startEvent'
  | 'endEvent'
  | 'userTask'
  | 'serviceTask'
  | 'exclusiveGateway'
  | 'parallelGateway';

export interface Assignment {
  assignee?: string;
  candidateGroups?: string[];
  candidateUsers?: string[];
}

export interface FlowNode {
  id: string;
  type: NodeType;
  name?: string;
  incoming: string[];
  outgoing: string[];
  /** Id of the default sequence flow (gateways and tasks). */
  defaultFlow?: string;
  /** `zeebe:taskDefinition` of a service task. */
  taskDefinition?: { type: string; retries: number };
  /** `zeebe:assignmentDefinition` of a user task. */
  assignment?: Assignment;
  /** `zeebe:formDefinition` key of a user task. */
  formKey?: string;
}

export interface SequenceFlow {
  id: string;
  name?: string;
  sourceRef: string;
  targetRef: string;
  /** FEEL expression, without the leading `=`. */
  condition?: string;
}

export interface CompiledProcess {
  key: string;
  name?: string;
  nodes: Record<string, FlowNode>;
  flows: Record<string, SequenceFlow>;
  startNodeIds: string[];
}

export type Variables = Record<string, unknown>;

export interface Token {
  id: string;
  elementId: string;
}

export interface OpenTask {
  taskId: string;
  tokenId: string;
  elementId: string;
  name: string;
  assignment: Assignment;
  formKey?: string;
  createdAt: string;
}

export interface PathEntry {
  elementId: string;
  type: NodeType;
  at: string;
  actor?: string;
  /** Sequence flow the token arrived by. */
  via?: string;
}

export type CaseStatus = 'running' | 'completed' | 'failed';

export interface EngineState {
  /** Case id: makes task ids globally unique. */
  instanceId: string;
  seq: number;
  status: CaseStatus;
  variables: Variables;
  /** Tokens waiting in an element (user task, service task, join). */
  tokens: Token[];
  openTasks: OpenTask[];
  /** Inbound flows already taken per joining gateway. */
  joins: Record<string, string[]>;
  path: PathEntry[];
  failure?: { elementId: string; message: string };
}

export interface Actor {
  id: string;
  roles: string[];
  groups: string[];
}

export type EngineEvent =
  | { type: 'case.start'; at: string; variables: Variables }
  | { type: 'userTask.complete'; at: string; taskId: string; actor: Actor; variables: Variables }
  | { type: 'serviceTask.done'; at: string; tokenId: string; output: Variables }
  | { type: 'serviceTask.failed'; at: string; tokenId: string; message: string };

export type EngineCommand =
  | { type: 'userTask.open'; task: OpenTask }
  | { type: 'userTask.close'; taskId: string; actor: string; variables: Variables }
  | { type: 'serviceTask.run'; tokenId: string; elementId: string; taskType: string; retries: number; variables: Variables }
  | { type: 'element.entered'; elementId: string; nodeType: NodeType; name?: string }
  | { type: 'case.completed'; variables: Variables }
  | { type: 'case.failed'; elementId: string; message: string };

export interface StepResult {
  state: EngineState;
  commands: EngineCommand[];
}

/** An error the engine raises for a modelling or run-time problem, naming the element. */
export class EngineError extends Error {
  constructor(
    readonly elementId: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
