import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DistrictCalendar } from './calendar/district';
import type {
  Actor,
  CaseStatus,
  ClockPause,
  CompiledProcess,
  EngineCommand,
  EngineState,
  Incident,
  OpenTask,
  PathEntry,
  ThrownError,
  Variables,
} from './engine/model';

/** Input of a case workflow: the compiled graph travels with the case, so it keeps its version. */
export interface CaseInput {
  caseId: string;
  definitionId: string;
  process: CompiledProcess;
  variables: Variables;
  title: string;
  itemCode?: string;
  applicantId: string;
  startedBy: string;
  /** Set when this case is a call activity's child case. */
  parent?: { caseId: string; elementId: string };
  /** Continue-as-new after this many engine steps (default CONTINUE_AS_NEW_STEPS). */
  maxStepsPerRun?: number;
  /** Test and drill cases only: accept `advanceClock` to move the case's timers forward. */
  testClock?: boolean;
  /** Started by the schedule of this timer start event: the case begins there, the timer already fired. */
  startElementId?: string;
  /** The district's loaded holiday notices when the case started (later ones arrive by `setCalendar`). */
  calendar?: DistrictCalendar;
  /** Carried across continue-as-new. */
  resume?: { state: EngineState; clockOffsetMs: number; runs: number; heldJobs?: EngineCommand[] };
}

/** Engine steps per workflow run before continue-as-new (Temporal: ≤ 2,000 updates, 50k events per run). */
export const CONTINUE_AS_NEW_STEPS = 500;

/** Live state of a case as the API returns it (a workflow query). */
export interface CaseView {
  caseId: string;
  definitionId: string;
  processKey: string;
  status: CaseStatus;
  activeElements: string[];
  openTasks: OpenTask[];
  variables: Variables;
  path: PathEntry[];
  incidents?: Incident[];
  /** Armed timers and message subscriptions. */
  waiting?: { elementId: string; kind: string; name?: string; dueAt?: string }[];
  clockPauses?: ClockPause[];
  /** Workflow runs so far (continue-as-new). */
  runs?: number;
  failure?: { elementId: string; message: string };
  /** A called case that ended with an uncaught BPMN error, passed to its call activity. */
  thrown?: ThrownError;
  /** Messages published before anything waited for them, kept until they expire. */
  bufferedMessages?: { id: string; name: string; correlationKey?: string; publishedAt: string; expiresAt: string }[];
}

export interface CompleteTaskArgs {
  taskId: string;
  actor: Actor;
  variables: Variables;
}

export interface DeliverMessageArgs {
  name: string;
  correlationKey?: string;
  variables?: Variables;
}

export interface PublishMessageArgs extends DeliverMessageArgs {
  /** ISO-8601 duration the message waits for a subscription when none is open (PT0S: not buffered). */
  timeToLive: string;
}

export interface PublishMessageResult {
  messageId: string;
  /** Caught now by a waiting catch event, receive task, boundary or event-subprocess start. */
  correlated: boolean;
  /** Kept in the case until `expiresAt` for a subscription that opens later. */
  buffered: boolean;
  expiresAt?: string;
}

/** A called case's uncaught escalation, for its call activity in the calling case. */
export interface ChildEscalationArgs {
  childCaseId: string;
  code?: string;
  variables?: Variables;
}

export interface IncidentActionArgs {
  incidentId: string;
  action: 'retry' | 'resolve';
  actor: string;
  variables?: Variables;
}

export interface ClockArgs {
  actor: string;
  reason?: string;
}

export const caseStateQuery = defineQuery<CaseView>('caseState');
export const completeTaskUpdate = defineUpdate<CaseView, [CompleteTaskArgs]>('completeTask');
/** Waits until the read model has caught up with the workflow, then returns the live state. */
export const syncUpdate = defineUpdate<CaseView>('sync');
/** A BPMN message (name + correlation key) for this case's message catch events. */
export const deliverMessageSignal = defineSignal<[DeliverMessageArgs]>('deliverMessage');
/** Publishes a BPMN message to this case: correlated at once, or buffered for its time-to-live (Camunda 8). */
export const publishMessageUpdate = defineUpdate<PublishMessageResult, [PublishMessageArgs]>('publishMessage');
/** Sent by a called case to its caller when an escalation is not caught inside the called case. */
export const childEscalationSignal = defineSignal<[ChildEscalationArgs]>('childEscalation');
/** A BPMN signal broadcast to every signal catch event of the case. */
export const broadcastSignalSignal = defineSignal<[DeliverMessageArgs]>('broadcastSignal');
/** Operator action on an incident: retry the failed step, or resolve it (with variables) and move on. */
export const incidentActionUpdate = defineUpdate<CaseView, [IncidentActionArgs]>('incidentAction');
/** 行政许可法 art. 45: periods that do not count towards working-day deadlines. */
export const pauseClockUpdate = defineUpdate<CaseView, [ClockArgs]>('pauseClock');
export interface CalendarArgs {
  actor: string;
  /** The year whose notice was loaded and its document number, for the case's audit record. */
  year: number;
  notice: string;
  calendar: DistrictCalendar;
}
/** A year's holiday notice was loaded: count on this calendar from now on, timers and deadlines moved. */
export const setCalendarUpdate = defineUpdate<CaseView, [CalendarArgs]>('setCalendar');
export const resumeClockUpdate = defineUpdate<CaseView, [ClockArgs]>('resumeClock');
/** Test clock: moves the case's timers forward by this many milliseconds (only with `testClock`). */
export const advanceClockSignal = defineSignal<[number]>('advanceClock');
