/**
 * The contract between the BPMN compiler (activities/bpmn) and the token runtime (workflows/engine).
 * Everything here is plain JSON: it crosses the workflow boundary and continue-as-new.
 */
import type { DistrictCalendar } from '../calendar/district';

export type NodeType =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'task'
  | 'manualTask'
  | 'userTask'
  | 'serviceTask'
  | 'sendTask'
  | 'receiveTask'
  | 'scriptTask'
  | 'businessRuleTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity';

export interface Assignment {
  assignee?: string;
  candidateGroups?: string[];
  candidateUsers?: string[];
}

/** A timer as modelled: ISO-8601 date, duration (incl. working days `P5WD`) or cycle `R3/PT1H`. */
export interface TimerSpec {
  kind: 'date' | 'duration' | 'cycle';
  /** The literal or a FEEL expression (leading `=`) evaluated when the timer starts. */
  value: string;
}

export type EventKind = 'none' | 'timer' | 'message' | 'signal' | 'error' | 'escalation' | 'terminate' | 'compensate' | 'link';

export interface EventDefinition {
  kind: EventKind;
  timer?: TimerSpec;
  /** Message or signal name. */
  name?: string;
  /** FEEL expression giving the correlation key (`zeebe:subscription correlationKey`). */
  correlationKey?: string;
  /** Error or escalation code; undefined on a catch event = catch all. */
  code?: string;
  /** Compensation throw: the activity to compensate (else all in the scope). */
  activityRef?: string;
}

export interface IoMapping {
  source: string;
  target: string;
}

export interface MultiInstance {
  sequential: boolean;
  /** FEEL expression: number of instances (BPMN loopCardinality). */
  cardinality?: string;
  /** FEEL expression: the input collection. */
  collection?: string;
  elementVariable?: string;
  completionCondition?: string;
  outputCollection?: string;
  outputElement?: string;
}

export interface StandardLoop {
  condition?: string;
  maximum?: number;
  testBefore: boolean;
}

/** A FEEL decision table (business rule task): first matching rule's outputs, or all rules' (COLLECT). */
export interface DecisionTable {
  hitPolicy: 'FIRST' | 'UNIQUE' | 'COLLECT';
  inputs: string[];
  outputs: string[];
  rules: { when: string[]; then: string[] }[];
}

/** What every element has; a kind's own fields are on its member of `FlowNode`. */
export interface NodeBase<T extends NodeType = NodeType> {
  id: string;
  type: T;
  name?: string;
  /** Id of the enclosing subprocess; undefined at process level. */
  scope?: string;
  incoming: string[];
  outgoing: string[];
  /** Id of the default sequence flow (gateways and tasks). */
  defaultFlow?: string;
  event?: EventDefinition;
  /** Boundary events attached to this activity. */
  boundaries?: string[];
  /** `zeebe:taskDefinition` of a service/send/script/business-rule task or message throw. */
  taskDefinition?: { type: string; retries: number };
  inputs?: IoMapping[];
  outputs?: IoMapping[];
  multiInstance?: MultiInstance;
  loop?: StandardLoop;
  /** Compensation: the handler activity of a compensation boundary event, and `isForCompensation`. */
  compensationHandler?: string;
  isForCompensation?: boolean;
}

export interface StartEventNode extends NodeBase<'startEvent'> {
  /** Start event of an event subprocess: whether it interrupts the enclosing scope. */
  interrupting?: boolean;
}

export interface BoundaryEventNode extends NodeBase<'boundaryEvent'> {
  /** The activity it is attached to, and whether it interrupts it. */
  attachedTo?: string;
  cancelActivity?: boolean;
}

export interface UserTaskNode extends NodeBase<'userTask'> {
  /** `zeebe:assignmentDefinition` (values may be FEEL expressions). */
  assignment?: Assignment;
  /** `zeebe:formDefinition` key. */
  formKey?: string;
  /** `zeebe:taskSchedule` (FEEL or ISO literals) and `zeebe:priorityDefinition`. */
  dueDate?: string;
  followUpDate?: string;
  priority?: string;
}

export interface ScriptTaskNode extends NodeBase<'scriptTask'> {
  /** FEEL expression and the variable receiving its result. */
  script?: { expression: string; resultVariable: string };
}

export interface BusinessRuleTaskNode extends NodeBase<'businessRuleTask'> {
  decision?: { table: DecisionTable; resultVariable: string };
}

export interface SubProcessNode extends NodeBase<'subProcess'> {
  /** An event subprocess, triggered by its start event. */
  triggeredByEvent?: boolean;
}

export interface CallActivityNode extends NodeBase<'callActivity'> {
  /** The called process key and version binding. */
  calledElement?: { processKey: string; binding: 'latest' | 'deployment'; propagateAllChildVariables: boolean; version?: string };
}

/** The node type of each kind: its own fields, or only the shared ones. */
export type NodeMap = { [K in NodeType]: NodeBase<K> } & {
  startEvent: StartEventNode;
  boundaryEvent: BoundaryEventNode;
  userTask: UserTaskNode;
  scriptTask: ScriptTaskNode;
  businessRuleTask: BusinessRuleTaskNode;
  subProcess: SubProcessNode;
  callActivity: CallActivityNode;
};

/** The member of `FlowNode` for one kind. */
export type NodeOf<K extends NodeType> = NodeMap[K];

/** A compiled element: a union discriminated by `type`. */
export type FlowNode = { [K in NodeType]: NodeOf<K> }[NodeType];

export interface SequenceFlow {
  id: string;
  name?: string;
  sourceRef: string;
  targetRef: string;
  /** FEEL expression, without the leading `=`. */
  condition?: string;
}

export interface ScopeDefinition {
  /** None (or message/timer) start events that begin the scope. */
  startNodeIds: string[];
  /** Event subprocesses directly inside the scope. */
  eventSubProcesses: string[];
}

/**
 * How a case of a process may be started: `api` (POST /api/cases), `handling` (a handling mode's
 * application, with its eligibility rules), `events` (an item of a 一件事), `prereview` (a pre-reviewed
 * application), `agency` (343 帮办代办), `internal` (the system itself, e.g. a bad rating's rectification).
 */
export const START_CHANNELS = ['api', 'handling', 'events', 'prereview', 'agency', 'internal'] as const;
export type StartChannel = (typeof START_CHANNELS)[number];
export interface StartRule {
  /** Roles that may start it (any one suffices); not checked for `internal` starts. */
  startableBy: string[];
  startVia: StartChannel[];
}

export interface CompiledProcess {
  key: string;
  name?: string;
  /** Who may start it and through which service; absent = any signed-in role via the API. */
  start?: StartRule;
  nodes: Record<string, FlowNode>;
  flows: Record<string, SequenceFlow>;
  startNodeIds: string[];
  /** Scopes by subprocess id; the process itself is `ROOT_SCOPE`. */
  scopes?: Record<string, ScopeDefinition>;
}

export const ROOT_SCOPE = '#process';

export type Variables = Record<string, unknown>;

export interface Token {
  id: string;
  elementId: string;
  /** Scope instance the token lives in. */
  scopeId: string;
  /** Local variables (input mappings, multi-instance element). */
  locals?: Variables;
  /** Multi-instance body bookkeeping, on the body token. */
  mi?: { total: number; started: number; completed: number; items?: unknown[]; outputs: unknown[] };
  /** An inner instance of a multi-instance body or loop: completion goes back to the body. */
  innerOf?: string;
  loopCounter?: number;
  /** Event-based gateway: the catch events armed. */
  raceTargets?: string[];
  /** Compensation throw waiting for handlers. */
  compensating?: string[];
  /** A compensation handler: no outgoing flows are followed. */
  compensationFor?: string;
  /** Open incident on this token, and where it failed (entering, leaving, or its job). */
  incidentId?: string;
  failedPhase?: 'element' | 'leave' | 'job';
}

export interface ScopeInstance {
  id: string;
  /** Subprocess element id, or ROOT_SCOPE. */
  elementId: string;
  parentId?: string;
  /** Token in the parent waiting at the subprocess (or MI inner token). */
  tokenId?: string;
  variables: Variables;
  /** Event subprocess instance interrupting this scope: when it ends the scope ends. */
  interruptedBy?: string;
}

export interface Subscription {
  id: string;
  kind: 'timer' | 'message' | 'signal';
  /** Catching element: boundary, intermediate catch, event-subprocess start or receive task. */
  elementId: string;
  /** Token the subscription belongs to (activity with boundary, waiting catch) or scope for event subprocesses. */
  ownerTokenId?: string;
  ownerScopeId?: string;
  name?: string;
  correlationKey?: string;
  dueAt?: string;
  /** Remaining repetitions of a cycle (-1 = unbounded). */
  repeat?: number;
  interval?: string;
  /** Working days, so clock pauses can shift the deadline. */
  workingDays?: { start: string; days: number };
}

export interface OpenTask {
  taskId: string;
  tokenId: string;
  elementId: string;
  name: string;
  assignment: Assignment;
  formKey?: string;
  createdAt: string;
  dueAt?: string;
  followUpAt?: string;
  priority?: number;
  /** Multi-instance counter and element, for the inbox. */
  loopCounter?: number;
  /** Local input variables of the task (`zeebe:ioMapping` inputs, multi-instance element). */
  inputs?: Variables;
}

export interface Incident {
  id: string;
  elementId: string;
  tokenId: string;
  message: string;
  at: string;
  kind: 'job' | 'element';
}

export interface Compensable {
  elementId: string;
  handlerId: string;
  scopeId: string;
  variables: Variables;
}

export interface PathEntry {
  elementId: string;
  type: NodeType;
  at: string;
  actor?: string;
  /** Sequence flow the token arrived by. */
  via?: string;
  left?: string;
}

export type CaseStatus = 'running' | 'completed' | 'failed' | 'terminated';

export interface ClockPause {
  from: string;
  to?: string;
  reason?: string;
}

/** A published message nobody was waiting for, kept until its time-to-live runs out (Camunda 8 buffering). */
export interface BufferedMessage {
  id: string;
  name: string;
  correlationKey?: string;
  variables?: Variables;
  publishedAt: string;
  expiresAt: string;
}

/** A BPMN error this case passed to its calling case (call activity) because nothing here caught it. */
export interface ThrownError {
  code?: string;
  elementId: string;
  message: string;
  variables?: Variables;
}

export interface EngineState {
  /** Case id: makes task ids globally unique. */
  instanceId: string;
  seq: number;
  status: CaseStatus;
  /** Root scope variables (mirror of scopes[root].variables, kept for the API). */
  variables: Variables;
  /** Tokens waiting in an element (task, catch event, subprocess, join…). */
  tokens: Token[];
  scopes: ScopeInstance[];
  openTasks: OpenTask[];
  /** Inbound flows already taken per joining gateway, keyed `${scopeId}/${gatewayId}`. */
  joins: Record<string, string[]>;
  subscriptions: Subscription[];
  incidents: Incident[];
  compensables: Compensable[];
  clockPauses: ClockPause[];
  /** Loaded holiday notices this case counts on; absent → bundled data and the statutory fallback. */
  calendar?: DistrictCalendar;
  path: PathEntry[];
  /** Number of events applied (for continue-as-new). */
  steps: number;
  failure?: { elementId: string; message: string };
  /** Messages published before anything subscribed, correlated when a matching subscription opens. */
  bufferedMessages?: BufferedMessage[];
  /** A called case: uncaught BPMN errors end it and go to the caller, uncaught escalations are passed up. */
  toCaller?: boolean;
  /** Set when an uncaught BPMN error ended this called case. */
  thrown?: ThrownError;
}

export interface Actor {
  id: string;
  roles: string[];
  groups: string[];
}

export type EngineEvent =
  | {
      type: 'case.start';
      at: string;
      variables: Variables;
      startAt?: string;
      /** A timer start that already fired (its schedule started the case): only it runs, at once. */
      startElementId?: string;
      /** This case runs for a call activity: uncaught errors and escalations go to the caller. */
      toCaller?: boolean;
    }
  | { type: 'userTask.complete'; at: string; taskId: string; actor: Actor; variables: Variables }
  | { type: 'job.completed'; at: string; tokenId: string; output: Variables }
  | { type: 'job.error'; at: string; tokenId: string; code: string; message?: string; variables?: Variables }
  | { type: 'job.failed'; at: string; tokenId: string; message: string }
  | { type: 'timer.fired'; at: string; subscriptionId: string }
  | {
      type: 'message.deliver';
      at: string;
      name: string;
      correlationKey?: string;
      variables?: Variables;
      signal?: boolean;
      /** Buffer the message until then when nothing is waiting for it (absent: drop it, as before). */
      expiresAt?: string;
      messageId?: string;
    }
  | { type: 'child.completed'; at: string; tokenId: string; output: Variables }
  | { type: 'child.failed'; at: string; tokenId: string; message: string }
  /** The child case ended with an uncaught BPMN error: the call activity's error boundary may catch it. */
  | { type: 'child.error'; at: string; tokenId: string; code?: string; message: string; variables?: Variables }
  /** The child case threw an escalation it did not catch: the call activity's escalation boundary may. */
  | { type: 'child.escalation'; at: string; tokenId: string; code?: string; variables?: Variables }
  | { type: 'incident.retry'; at: string; incidentId: string; actor: string }
  | { type: 'incident.resolve'; at: string; incidentId: string; actor: string; variables?: Variables }
  | { type: 'clock.pause'; at: string; reason?: string }
  /** `followDeadlines`: recompute the deadline variables of `timeLimits` too (later workflow versions). */
  | { type: 'clock.resume'; at: string; followDeadlines?: boolean }
  /** The district calendar (loaded holiday notices) the case counts working days on. */
  | { type: 'calendar.set'; at: string; calendar: DistrictCalendar }
  | { type: 'case.cancel'; at: string; actor: string; reason?: string };

export type EngineCommand =
  | { type: 'userTask.open'; task: OpenTask }
  | { type: 'userTask.close'; taskId: string; actor: string; variables: Variables; cancelled?: boolean }
  | { type: 'job.run'; tokenId: string; elementId: string; taskType: string; retries: number; variables: Variables }
  | { type: 'job.cancel'; tokenId: string }
  | { type: 'timer.start'; subscriptionId: string; elementId: string; dueAt: string }
  | { type: 'timer.cancel'; subscriptionId: string }
  | {
      type: 'child.start';
      tokenId: string;
      elementId: string;
      processKey: string;
      binding: 'latest' | 'deployment';
      version?: string;
      variables: Variables;
    }
  | { type: 'child.cancel'; tokenId: string }
  | { type: 'incident.raised'; incident: Incident }
  | { type: 'incident.resolved'; incidentId: string; actor: string; how: 'retried' | 'resolved' }
  | { type: 'element.entered'; elementId: string; nodeType: NodeType; name?: string; at: string; actor?: string; tokenId: string }
  | {
      type: 'element.left';
      elementId: string;
      nodeType: NodeType;
      name?: string;
      at: string;
      actor?: string;
      tokenId: string;
      cancelled?: boolean;
    }
  | { type: 'case.completed'; variables: Variables; terminated?: boolean }
  | { type: 'case.failed'; elementId: string; message: string }
  /** An escalation nothing in this case caught, for the calling case's call activity. */
  | { type: 'escalation.toCaller'; elementId: string; code?: string; variables?: Variables };

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

/** Start of the size-limit message; the task-completion validator recognises it. */
export const VARIABLES_TOO_LARGE = '流程变量过大 (variables too large)';

/** Largest JSON size of the case variables (Temporal payloads warn at 256 KB; we stay well under). */
export const VARIABLES_LIMIT_BYTES = 128 * 1024;
